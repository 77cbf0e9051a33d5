package dev.valhalla.server.configregistry;

import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.JsonMapping;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.maintenance.Freeze;

import java.time.Clock;

/**
 * The config registry: namespaced, typed configuration values ({@code namespace/key}, types
 * {@code string}, {@code int}, {@code bool}, {@code duration}, {@code json}) with a version history of
 * every write, rollback to any version, optimistic concurrency ({@code ETag} = version; writes need
 * {@code If-Match}, creations {@code If-None-Match: *}; 412 when stale, 428 when missing), refusal of
 * secret-looking names and values (422 saying why, never quoting the value), an audit entry for every
 * change, and the freeze switch honoured.
 *
 * <p>Services read {@code GET /api/config/{namespace}} from an in-memory snapshot, never from the
 * database; every write announces itself on the {@link ChangeNotifier} topic {@value ConfigRegistry#TOPIC}
 * in its transaction, and every instance reloads its snapshot when that commits.
 */
public final class ConfigFeature implements Feature {

    private final ChangeNotifier changes;
    private final ConfigSnapshot snapshot;
    private final ConfigRoutes routes;

    /**
     * @param database the database core
     * @param audit    where every change is recorded
     * @param changes  the cross-instance change notifier
     * @param freeze   the freeze switch every write passes
     * @param clock    the time stamped on versions
     */
    public ConfigFeature(Database database, AuditTrail audit, ChangeNotifier changes, Freeze freeze, Clock clock) {
        this.changes = changes;
        this.snapshot = new ConfigSnapshot(database, JsonMapping.create());
        SecretDetector secrets = new SecretDetector();
        ConfigRegistry registry = new ConfigRegistry(audit, changes, snapshot, secrets, clock);
        this.routes = new ConfigRoutes(registry, snapshot, secrets, freeze);
    }

    @Override
    public void register(Routes registry) {
        routes.register(registry);
    }

    @Override
    public void start() {
        // subscribe first: a change committed between the load and the subscription is not missed
        changes.subscribe(ConfigRegistry.TOPIC, snapshot::reload);
        snapshot.reload();
    }
}
