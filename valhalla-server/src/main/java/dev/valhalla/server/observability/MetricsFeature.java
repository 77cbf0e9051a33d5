package dev.valhalla.server.observability;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code /metrics} in Prometheus text format (HTTP by route template, pools, query monitor, JVM),
 * {@code GET /api/metrics/database} (pools, acquisition time, leaks, rollbacks at close) and
 * {@code GET /api/metrics/queries?limit=N} (the statements with the most time in their window).
 */
public final class MetricsFeature implements Feature {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;
    private final Database database;

    /** Metrics of the given registry and database. */
    public MetricsFeature(PrometheusMeterRegistry registry, Database database) {
        this.registry = registry;
        this.database = database;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/metrics", Scope.PUBLIC, "Prometheus metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
        routes.get("/api/metrics/database", Scope.READ, "Pool state, acquisition time, leaks", this::database);
        routes.get("/api/metrics/queries", Scope.READ, "Slowest normalized statements over their window", this::queries);
    }

    private void database(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pools", database.pools().stream().map(pool -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", pool.pool());
            entry.put("active", pool.active());
            entry.put("idle", pool.idle());
            entry.put("waiting", pool.waiting());
            entry.put("max", pool.max());
            entry.put("utilization", pool.max() == 0 ? 0.0 : (double) pool.active() / pool.max());
            Timer acquire = registry.find("hikaricp.connections.acquire").tag("pool", "valhalla-" + pool.pool()).timer();
            entry.put("acquisitionMeanMs", acquire == null ? 0.0 : acquire.mean(TimeUnit.MILLISECONDS));
            entry.put("acquisitionMaxMs", acquire == null ? 0.0 : acquire.max(TimeUnit.MILLISECONDS));
            entry.put("acquisitionP99Ms", acquire == null ? 0.0 : percentile(acquire, 0.99));
            return entry;
        }).toList());
        body.put("queries", database.monitor().totalQueries());
        body.put("failedQueries", database.monitor().failedQueries());
        body.put("slowQueries", database.monitor().slowQueries());
        body.put("leaksDetected", database.leaksDetected());
        body.put("rolledBackAtClose", database.rolledBackAtClose());
        body.put("retried", database.retried());
        ctx.json(body);
    }

    private void queries(Context ctx) {
        String raw = ctx.queryParam("limit");
        int limit = 10;
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ValidationException.of("limit", "expected an integer from 1 to 1000, got '" + raw + "'");
            }
        }
        ctx.json(Map.of("statements", List.copyOf(database.monitor().top(limit))));
    }

    /** A client-side percentile of the timer (configured in ServerApp), in milliseconds; 0 when absent. */
    private static double percentile(Timer timer, double percentile) {
        for (io.micrometer.core.instrument.distribution.ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return 0.0;
    }
}
