package dev.valhalla.benchmarks;

import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.QueryMonitor;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.ratelimit.PolicyDecider;
import dev.valhalla.testing.EmbeddedPostgresServer;
import dev.valhalla.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one rate-limit decision (take a token of a token bucket): {@code local} is Bucket4j in
 * memory, as {@code VALHALLA_RATE_LIMIT_MODE=local} decides; {@code cluster} is the single
 * {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} on the embedded PostgreSQL that every instance in
 * cluster mode shares, through the server's pool. Subjects cycle over 1,024 clients; the limit is high
 * enough that every decision allows, so both sides do the same work. Average time per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitBenchmark {

    private static final int SUBJECTS = 1024;

    @Param({"local", "cluster"})
    public String mode;

    private PolicyDecider decider;
    private Database database;
    private final String[] subjects = new String[SUBJECTS];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < SUBJECTS; i++) {
            subjects[i] = "ip:10.0." + (i / 256) + "." + (i % 256);
        }
        if (mode.equals("local")) {
            decider = PolicyDecider.local(1_000_000_000L, Duration.ofSeconds(1), Clock.systemUTC());
            return;
        }
        TestDatabase db = EmbeddedPostgresServer.createDatabase("ratelimit_bench");
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        new SchemaMigration(ConnectionSource.of(db.jdbcUrl(), properties), Duration.ofSeconds(60)).upgrade();
        ServerConfig config = ServerConfig.from(Map.of("VALHALLA_DATABASE_URL", db.jdbcUrl(), "VALHALLA_DATABASE_USER", "postgres"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        database = new Database(config.database(), new QueryMonitor(config.monitor(), registry), registry);
        decider = PolicyDecider.cluster(database, 1_000_000_000L, Duration.ofSeconds(1), Clock.systemUTC());
    }

    @TearDown
    public void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    @Benchmark
    public boolean decide() {
        String subject = subjects[next++ & (SUBJECTS - 1)];
        return decider.take(subject);
    }
}
