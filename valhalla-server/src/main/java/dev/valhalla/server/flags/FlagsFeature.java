package dev.valhalla.server.flags;

import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.governance.KillSwitch;
import dev.valhalla.server.maintenance.Freeze;

import java.time.Clock;

/**
 * Feature flags, usable by existing Unleash and OpenFeature clients.
 *
 * <p>Admin API ({@code /system/flags}, {@code /system/segments}; read scope for GETs, admin for
 * writes): create, update, archive flags with strategies, constraints, segments, variants and
 * dependencies, validated with every error listed by JSON pointer (422), audited with before and
 * after, refused while configuration is frozen; {@code PUT /system/flags/import} makes the flags equal
 * to an Unleash client-features document in one transaction; per-flag hourly metrics.
 *
 * <p>Client APIs (read scope): Unleash's {@code /api/client/features}, {@code /register},
 * {@code /metrics} and OFREP's {@code /ofrep/v1/evaluate/flags[/{key}]}. Evaluations read the in-memory
 * {@link FlagEvaluator}, rebuilt from the database when any instance announces a change on the
 * {@link ChangeNotifier} topic {@value FlagSnapshot#TOPIC}; none queries the database. While the
 * {@link KillSwitch} is engaged every evaluation is off and the client API serves every flag disabled.
 */
public final class FlagsFeature implements Feature {

    private final ChangeNotifier changes;
    private final FlagSnapshot snapshot;
    private final FlagAdminRoutes adminRoutes;
    private final UnleashClientRoutes unleashRoutes;
    private final OfrepRoutes ofrepRoutes;

    /**
     * @param database   the database core
     * @param audit      where every change is recorded
     * @param changes    the cross-instance change notifier
     * @param freeze     the freeze switch every write passes
     * @param killSwitch while engaged, every evaluation is off
     * @param clock      time of changes, metric hours and date constraints without {@code currentTime}
     */
    public FlagsFeature(Database database, AuditTrail audit, ChangeNotifier changes, Freeze freeze, KillSwitch killSwitch,
                        Clock clock) {
        this.changes = changes;
        this.snapshot = new FlagSnapshot(database, clock);
        this.adminRoutes = new FlagAdminRoutes(database, new FlagAdmin(audit, changes, clock), snapshot, freeze, clock);
        this.unleashRoutes = new UnleashClientRoutes(snapshot, killSwitch, clock);
        this.ofrepRoutes = new OfrepRoutes(snapshot, killSwitch);
    }

    /** The evaluator over the current flags (in-process evaluation; read-only use). */
    public FlagEvaluator evaluator() {
        return snapshot.evaluator();
    }

    @Override
    public void register(Routes routes) {
        adminRoutes.register(routes);
        unleashRoutes.register(routes);
        ofrepRoutes.register(routes);
    }

    @Override
    public void start() {
        // subscribe first: a change committed between the load and the subscription is not missed
        changes.subscribe(FlagSnapshot.TOPIC, snapshot::reloadQuietly);
        snapshot.reload();
    }
}
