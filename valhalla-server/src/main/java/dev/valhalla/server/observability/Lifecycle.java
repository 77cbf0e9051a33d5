package dev.valhalla.server.observability;

import java.util.concurrent.atomic.AtomicBoolean;

/** Where the process is in its life: readiness needs features started and no drain in progress. Thread-safe. */
public final class Lifecycle {

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Marks every feature started. */
    public void started() {
        started.set(true);
    }

    /** Marks shutdown begun. */
    public void draining() {
        draining.set(true);
    }

    boolean isStarted() {
        return started.get();
    }

    boolean isDraining() {
        return draining.get();
    }
}
