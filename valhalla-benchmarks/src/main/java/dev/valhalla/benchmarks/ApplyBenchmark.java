package dev.valhalla.benchmarks;

import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.migrate.apply.MigrateSettings;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.Migrator;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.RevisionDirectory;
import dev.valhalla.testing.EmbeddedPostgresServer;
import dev.valhalla.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * 1,000 small revisions applied to a fresh database: Valhalla's migrator and Flyway on the same SQL, in
 * the same JVM, against the same embedded PostgreSQL. Each invocation gets a new empty database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ApplyBenchmark {

    @Param({"1000"})
    public int revisions;

    private Path valhallaDir;
    private Path flywayDir;
    private RevisionGraph graph;
    private TestDatabase database;

    @Setup(Level.Trial)
    public void writeRevisions() throws IOException {
        Path root = Files.createTempDirectory("valhalla-apply-bench");
        valhallaDir = root.resolve("valhalla");
        flywayDir = root.resolve("flyway");
        SyntheticHistory.writeValhallaRevisions(valhallaDir, revisions);
        SyntheticHistory.writeFlywayMigrations(flywayDir, revisions);
        var loaded = RevisionDirectory.load(valhallaDir);
        if (!loaded.errors().isEmpty()) {
            throw new IllegalStateException(loaded.errors().toString());
        }
        graph = RevisionGraph.of(loaded.revisions());
        // Flyway logs a line per migration at INFO and Valhalla's migrator (no listener here) logs nothing:
        // both run silent, so neither pays for console output
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(ch.qos.logback.classic.Level.WARN);
    }

    @Setup(Level.Invocation)
    public void freshDatabase() {
        database = EmbeddedPostgresServer.createDatabase("apply_bench");
    }

    @Benchmark
    public Object valhalla() {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        Migrator migrator = new Migrator(ConnectionSource.of(database.jdbcUrl(), properties), graph,
                MigrateSettings.defaults(), MigrationListener.NONE);
        return migrator.upgrade(null);
    }

    @Benchmark
    public Object flyway() {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations("filesystem:" + flywayDir)
                .load()
                .migrate();
    }
}
