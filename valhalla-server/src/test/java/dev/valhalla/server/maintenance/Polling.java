package dev.valhalla.server.maintenance;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting with a deadline for what another instance learns through change notifications. */
final class Polling {

    private Polling() {
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** Waits until {@code server}'s shield holds {@code count} open windows. */
    static void awaitWindows(EdgeTestServer server, int count) {
        await(() -> server.maintenance.shield().snapshot().openWindows().size() == count, count + " open windows");
    }
}
