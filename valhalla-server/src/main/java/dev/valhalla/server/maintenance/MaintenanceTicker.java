package dev.valhalla.server.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Calls {@link MaintenanceShield#tick()} every second on a virtual thread. */
final class MaintenanceTicker {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceTicker.class);
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final MaintenanceShield shield;
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    MaintenanceTicker(MaintenanceShield shield) {
        this.shield = shield;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("maintenance-ticker").factory());
        scheduler.scheduleWithFixedDelay(this::tick, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void tick() {
        try {
            shield.tick();
            if (failing.compareAndSet(true, false)) {
                LOG.info("Maintenance windows recorded again");
            }
        } catch (RuntimeException e) {
            // recover: the shield keeps judging requests from its snapshot; the next tick retries
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot record the start or end of a maintenance window; retrying every second: {}", e.toString());
            }
        }
    }
}
