package dev.valhalla.server.governance;

import dev.valhalla.server.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-reads the go-live state every few seconds so changes made through other instances reach this
 * one's {@link KillSwitch}. While the database is unreachable the last known state stays.
 */
final class StateRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(StateRefresher.class);
    static final Duration PERIOD = Duration.ofSeconds(2);

    private final Database database;
    private final KillSwitch killSwitch;
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    StateRefresher(Database database, KillSwitch killSwitch) {
        this.database = database;
        this.killSwitch = killSwitch;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("governance-refresh").factory());
        scheduler.scheduleWithFixedDelay(this::refresh, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void refresh() {
        try {
            database.readOnly(handle -> new GovernanceStore(handle).goLive()).ifPresent(killSwitch::refresh);
            if (failing.compareAndSet(true, false)) {
                LOG.info("Go-live state readable again");
            }
        } catch (RuntimeException e) {
            // recover: keep the last known state (engaging stays in effect) and retry next period
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot refresh the go-live state; keeping the last known one: {}", e.toString());
            }
        }
    }
}
