package dev.valhalla.benchmarks;

import dev.valhalla.server.core.config.MonitorSettings;
import dev.valhalla.server.core.db.QueryMonitor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the query monitor adds to every statement: {@link QueryMonitor#record} (normalized shape, the
 * statement's sample window, the Prometheus timer, the slow-query check) with the monitor on, against the
 * same call with it off ({@code VALHALLA_QUERY_MONITOR_ENABLED=false}, where only the enabled check runs).
 * Twenty statement texts of the server's own kind rotate; two threads contend as two request threads would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class QueryMonitorBenchmark {

    private static final int STATEMENTS = 20;

    @Param({"on", "off"})
    public String monitor;

    private QueryMonitor queries;
    private final String[] sql = new String[STATEMENTS];
    private final AtomicInteger next = new AtomicInteger();

    @Setup
    public void setUp() {
        queries = new QueryMonitor(new MonitorSettings(monitor.equals("on"), 1000, Duration.ofSeconds(1)),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        for (int i = 0; i < STATEMENTS; i++) {
            sql[i] = "SELECT k.id, k.client_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, c.disabled_at"
                    + " FROM api_key_" + i + " k JOIN api_client c ON c.id = k.client_id WHERE k.id = '" + (1000 + i)
                    + "' AND k.scopes && ARRAY['read', 'write'] ORDER BY k.created_at DESC LIMIT 50";
        }
    }

    @Benchmark
    public void record() {
        int i = Math.floorMod(next.getAndIncrement(), STATEMENTS);
        if (queries.enabled()) {
            queries.record(sql[i], 250_000 + i, false);
        }
    }
}
