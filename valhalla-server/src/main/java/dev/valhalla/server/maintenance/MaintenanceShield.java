package dev.valhalla.server.maintenance;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Principal;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Scope;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory maintenance state and the guard that enforces it. Requests are judged against a
 * snapshot of the database (manual state and open windows) at the injected clock's time, so windows
 * take effect on time without a database query per request. The snapshot is reloaded when any
 * instance publishes {@value #TOPIC} (and by the notifier's periodic safety net), and right after this
 * instance's own changes commit. A ticker calls {@link #tick()} every second to record (and audit,
 * once across instances) the start and end of windows. Thread-safe.
 */
public final class MaintenanceShield {

    /** The change topic of the maintenance state and windows. */
    public static final String TOPIC = "maintenance.state";
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceShield.class);
    /** Routes open in every state: health and metrics. */
    static final Set<String> ALWAYS_OPEN = Set.of("/live", "/ready", "/health", "/metrics");
    /** The shield's own control routes stay open, or read_only could never be left. */
    static final String CONTROL_PREFIX = "/system/maintenance";
    /** Engaging the kill switch is always immediate (PRODUCT §C), in read_only and maintenance too. */
    static final String KILL_SWITCH = "/system/governance/kill-switch";

    private final Database database;
    private final AuditTrail audit;
    private final ChangeNotifier changes;
    private final Clock clock;
    private final AtomicReference<MaintenanceSnapshot> snapshot = new AtomicReference<>(new MaintenanceSnapshot(
            new ConfiguredState(MaintenanceState.NORMAL, false, "not loaded yet", null, AuditEntry.SYSTEM, Instant.EPOCH),
            List.of()));
    private volatile MaintenanceState lastSeen = MaintenanceState.NORMAL;

    MaintenanceShield(Database database, AuditTrail audit, ChangeNotifier changes, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
    }

    /** The state in force now, from memory. */
    public EffectiveState effective() {
        return snapshot.get().effectiveAt(clock.instant());
    }

    /** Whether configuration changes are refused now (from memory; {@link Freeze} re-reads it in the change's transaction). */
    public boolean frozen() {
        return snapshot.get().configured().frozen();
    }

    Instant now() {
        return clock.instant();
    }

    MaintenanceSnapshot snapshot() {
        return snapshot.get();
    }

    /** The guard to install at {@link RequestGuard.Stage#AFTER_AUTHENTICATION}. */
    RequestGuard guard() {
        return (ctx, route, principal) -> {
            MaintenanceSnapshot held = snapshot.get();
            if (held.configured().state() == MaintenanceState.NORMAL && held.openWindows().isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            EffectiveState effective = held.effectiveAt(now);
            switch (effective.state()) {
                case NORMAL -> {
                }
                case READ_ONLY -> {
                    if (route.writes() && !control(route)) {
                        throw new ShieldRefusedException(MaintenanceErrorCode.READ_ONLY_MODE,
                                "The service is read-only" + why(effective) + "; writes are refused", effective.retryAfter(now));
                    }
                }
                case MAINTENANCE -> {
                    if (!ALWAYS_OPEN.contains(route.path()) && !control(route) && !admin(principal)) {
                        throw new ShieldRefusedException(MaintenanceErrorCode.MAINTENANCE_MODE,
                                "The service is under maintenance" + why(effective) + "; only health, metrics and admin calls are served",
                                effective.retryAfter(now));
                    }
                }
            }
        };
    }

    private static boolean control(Route route) {
        return route.path().equals(CONTROL_PREFIX) || route.path().startsWith(CONTROL_PREFIX + "/")
                || route.path().equals(KILL_SWITCH);
    }

    private static boolean admin(Optional<Principal> principal) {
        return principal.map(caller -> caller.allows(Scope.ADMIN)).orElse(false);
    }

    private static String why(EffectiveState effective) {
        String until = effective.until() == null ? "" : " until " + effective.until();
        return " (" + (effective.windowId() == null ? "set by an admin" : "maintenance window " + effective.windowId())
                + until + ")";
    }

    /** Re-reads the state and open windows from the database (write pool: a replica could lag). */
    synchronized void reload() {
        snapshot.set(database.executeWithRetry(handle -> {
            MaintenanceStore store = new MaintenanceStore(handle);
            return new MaintenanceSnapshot(store.configured(), store.openWindows());
        }));
    }

    /** Announces a change made in {@code handle}'s transaction to every instance, this one at once after commit. */
    void changed(Handle handle) {
        changes.publish(handle, TOPIC);
        handle.afterCommit(this::reloadQuietly);
    }

    /** {@link #reload()} for callbacks: a failure is logged and the notifier's next refresh catches up. */
    void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // recover: keep the last snapshot; the change notification or the periodic refresh reloads later
            LOG.warn("Could not reload the maintenance state; keeping the last known one: {}", e.toString());
        }
    }

    /**
     * Records the start and end of windows whose time has come (each claimed by one instance, audited as
     * {@code system}) and logs when the state in force changes. Queries the database only when a window
     * starts or ends.
     */
    void tick() {
        Instant now = clock.instant();
        boolean claimed = false;
        for (MaintenanceWindow window : snapshot.get().openWindows()) {
            if (window.endedBy(now)) {
                claimed |= claim(window, now, true);
            } else if (window.beganAt() == null && window.activeAt(now)) {
                claimed |= claim(window, now, false);
            }
        }
        if (claimed) {
            reload();
        }
        EffectiveState effective = snapshot.get().effectiveAt(now);
        if (effective.state() != lastSeen) {
            LOG.info("Maintenance shield: {} -> {} ({}{})", lastSeen.wire(), effective.state().wire(), effective.source(),
                    effective.windowId() == null ? "" : " " + effective.windowId());
            lastSeen = effective.state();
        }
    }

    private boolean claim(MaintenanceWindow window, Instant now, boolean end) {
        return database.inTransaction(handle -> {
            MaintenanceStore store = new MaintenanceStore(handle);
            Optional<MaintenanceWindow> claimed = end ? store.claimEnd(window.id(), now) : store.claimBegin(window.id(), now);
            claimed.ifPresent(after -> {
                audit.record(handle, new AuditEntry(AuditEntry.SYSTEM, end ? "maintenance_window.end" : "maintenance_window.begin",
                        "maintenance_window", Long.toString(window.id()), window, after, window.reason()));
                changes.publish(handle, TOPIC);
            });
            return claimed.isPresent();
        });
    }
}
