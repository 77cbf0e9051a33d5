package dev.valhalla.server.observability;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.ProbeResult;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /live} (the process answers), {@code /ready} (database reachable within the bound, schema at
 * head, started and not draining: 200 or 503 with the reasons) and {@code /health} (every component).
 */
public final class HealthFeature implements Feature {

    private static final String LIVE = "{\"status\":\"UP\"}";

    private final Database database;
    private final SchemaMigration schema;
    private final Lifecycle lifecycle;

    /** Health of the given parts. */
    public HealthFeature(Database database, SchemaMigration schema, Lifecycle lifecycle) {
        this.database = database;
        this.schema = schema;
        this.lifecycle = lifecycle;
    }

    @Override
    public void register(Routes routes) {
        // a constant document: liveness is polled often and must not cost a serialization each time
        routes.get("/live", Scope.PUBLIC, "Liveness: the process is up", ctx -> ctx.contentType("application/json").result(LIVE));
        routes.get("/ready", Scope.PUBLIC, "Readiness: database reachable, schema at head, not draining", this::ready);
        routes.get("/health", Scope.PUBLIC, "Health of every component", this::health);
    }

    private void ready(Context ctx) {
        Map<String, Object> components = components();
        boolean ready = components.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ready);
        body.put("checks", components);
        ctx.status(ready ? 200 : 503).json(body);
        if (!ready) {
            ctx.header("Retry-After", "1");
        }
    }

    private void health(Context ctx) {
        Map<String, Object> components = components();
        components.put("pools", Map.of("status", "UP", "pools", database.pools()));
        components.put("queryMonitor", Map.of("status", "UP", "enabled", database.monitor().enabled(),
                "slowQueries", database.monitor().slowQueries(), "leaksDetected", database.leaksDetected()));
        boolean up = components.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("components", components);
        ctx.status(up ? 200 : 503).json(body);
    }

    private Map<String, Object> components() {
        Map<String, Object> components = new LinkedHashMap<>();
        ProbeResult probe = database.probe();
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("status", probe.reachable() ? "UP" : "DOWN");
        db.put("latencyMs", probe.latencyMillis());
        probe.error().ifPresent(error -> db.put("error", error));
        components.put("database", db);
        SchemaMigration.Status status = schema.status();
        components.put("schema", Map.of("status", status.state() == SchemaMigration.State.AT_HEAD ? "UP" : "DOWN",
                "state", status.state().name(), "detail", status.detail()));
        String lifecycleState = lifecycle.isDraining() ? "DRAINING" : lifecycle.isStarted() ? "STARTED" : "STARTING";
        components.put("lifecycle", Map.of("status", "STARTED".equals(lifecycleState) ? "UP" : "DOWN",
                "state", lifecycleState));
        return components;
    }
}
