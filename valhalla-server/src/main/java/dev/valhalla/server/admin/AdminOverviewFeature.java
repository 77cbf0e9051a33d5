package dev.valhalla.server.admin;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.core.error.PoolExhaustedException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.governance.GoLiveState;
import dev.valhalla.server.governance.KillSwitch;
import dev.valhalla.server.maintenance.EffectiveState;
import dev.valhalla.server.maintenance.MaintenanceShield;
import dev.valhalla.server.ratelimit.RateLimitFeature;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/admin}: one call with what an operator looks at first — go-live and kill switch,
 * maintenance state, active blocks, honeypot hits, rate-limit rejections, pending work and pool health.
 * Counts come from one read transaction; in-memory state (kill switch, shield, rejections) from the
 * features that hold it.
 */
public final class AdminOverviewFeature implements Feature {

    private final Database database;
    private final SchemaMigration schema;
    private final KillSwitch killSwitch;
    private final MaintenanceShield shield;
    private final RateLimitFeature rateLimits;

    public AdminOverviewFeature(Database database, SchemaMigration schema, KillSwitch killSwitch,
                                MaintenanceShield shield, RateLimitFeature rateLimits) {
        this.database = database;
        this.schema = schema;
        this.killSwitch = killSwitch;
        this.shield = shield;
        this.rateLimits = rateLimits;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/system/admin", Scope.READ,
                "Operator overview: go-live, kill switch, maintenance, blocks, honeypot hits, rejections, pending work, pools",
                this::overview);
    }

    private void overview(Context ctx, Handle handle) {
        Map<String, Object> body = new LinkedHashMap<>();
        GoLiveState goLive = killSwitch.state();
        body.put("goLive", Map.of("enabled", goLive.goLiveEnabled(), "killSwitchEngaged", goLive.killSwitchEngaged()));
        EffectiveState maintenance = shield.effective();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", maintenance.state().wire());
        state.put("frozen", maintenance.frozen());
        state.put("until", maintenance.until() == null ? null : maintenance.until().toString());
        body.put("maintenance", state);
        body.put("security", security(handle));
        body.put("rateLimits", Map.of("rejectionsSinceStart", rateLimits.rejections()));
        body.put("pendingWork", pendingWork(handle));
        body.put("pools", pools(database.pools()));
        ctx.json(body);
    }

    private static Map<String, Object> security(Handle handle) {
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("activeBlocks", count(handle, """
                SELECT count(*) FROM security_rule r JOIN security_policy p ON p.id = r.policy_id
                WHERE p.enabled AND (r.expires_at IS NULL OR r.expires_at > now())"""));
        security.put("blockedRequests", count(handle, "SELECT coalesce(sum(hit_count), 0) FROM security_rule"));
        security.put("honeypotHits", count(handle, "SELECT count(*) FROM security_honeypot_hit"));
        return security;
    }

    private Map<String, Object> pendingWork(Handle handle) {
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("schema", schema.status().state().toString());
        pending.put("upcomingMaintenanceWindows", count(handle,
                "SELECT count(*) FROM maintenance_window WHERE ended_at IS NULL AND ends_at > now()"));
        return pending;
    }

    private static List<Map<String, Object>> pools(List<PoolExhaustedException.PoolState> pools) {
        return pools.stream().map(pool -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", pool.pool());
            entry.put("active", pool.active());
            entry.put("idle", pool.idle());
            entry.put("waiting", pool.waiting());
            entry.put("max", pool.max());
            entry.put("healthy", pool.waiting() == 0 && pool.active() < pool.max());
            return entry;
        }).toList();
    }

    private static long count(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}
