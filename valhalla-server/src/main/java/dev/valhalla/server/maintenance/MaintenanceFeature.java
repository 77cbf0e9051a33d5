package dev.valhalla.server.maintenance;

import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Routes;

import java.time.Clock;

/**
 * Maintenance and the read-only shield: states {@code normal}, {@code read_only} (write routes refused
 * with 503) and {@code maintenance} (everything but health, metrics and admin callers refused with
 * 503), each with {@code Retry-After}; scheduled windows that switch the state on time; and the freeze
 * switch that refuses configuration changes (see {@link Freeze}).
 *
 * <p>Routes (admin): {@code GET/PUT /system/maintenance/state}, {@code GET/POST /system/maintenance},
 * {@code GET/PUT/DELETE /system/maintenance/{id}}. Its guard runs at
 * {@link RequestGuard.Stage#AFTER_AUTHENTICATION}: register this feature after the rate-limit feature
 * (PRODUCT.md §D: rate limiting, then the shield, then the kill switch).
 *
 * <p>Extension points: {@link #freeze()} for configuration-changing routes, {@link #shield()} for the
 * state in force (admin overview).
 */
public final class MaintenanceFeature implements Feature {

    private final MaintenanceShield shield;
    private final Freeze freeze;
    private final MaintenanceRoutes routes;
    private final MaintenanceTicker ticker;

    /**
     * @param audit   where every change is recorded
     * @param changes cross-instance invalidation of the in-memory state
     * @param clock   the time windows are judged against
     */
    public MaintenanceFeature(Database database, AuditTrail audit, ChangeNotifier changes, Clock clock) {
        this.shield = new MaintenanceShield(database, audit, changes, clock);
        this.freeze = new Freeze(shield, audit);
        this.routes = new MaintenanceRoutes(shield, audit);
        this.ticker = new MaintenanceTicker(shield);
        changes.subscribe(MaintenanceShield.TOPIC, shield::reloadQuietly);
    }

    /** The freeze switch every configuration-changing route consults. */
    public Freeze freeze() {
        return freeze;
    }

    /** The maintenance state in force, from memory. */
    public MaintenanceShield shield() {
        return shield;
    }

    @Override
    public void register(Routes registry) {
        registry.guard(RequestGuard.Stage.AFTER_AUTHENTICATION, shield.guard());
        routes.register(registry);
    }

    @Override
    public void start() {
        shield.reload();
        ticker.start();
    }

    @Override
    public void stop() {
        ticker.stop();
    }
}
