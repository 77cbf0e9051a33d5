package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.valhalla.migrate.apply.ApplyFixtures.copyScenario;
import static dev.valhalla.migrate.apply.ApplyFixtures.generateLinear;
import static dev.valhalla.migrate.apply.ApplyFixtures.graph;
import static dev.valhalla.migrate.apply.ApplyFixtures.history;
import static dev.valhalla.migrate.apply.ApplyFixtures.strings;
import static dev.valhalla.migrate.apply.ApplyFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class MigrationLockTest {

    @TempDir
    Path folder;

    @BeforeEach
    void emptyDatabase(TestDatabase db) throws SQLException {
        ApplyFixtures.reset(db);
    }

    @Test
    void upgrade_gives_up_after_the_lock_wait_naming_the_session_that_holds_the_lock(TestDatabase db)
            throws SQLException {
        copyScenario("linear", folder);
        Migrator migrator = new Migrator(db::connect, graph(folder),
                ApplyFixtures.SETTINGS.withLockWait(Duration.ofSeconds(1)), MigrationListener.NONE);
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'other-deployer'");
            statement.execute("SELECT pg_advisory_lock(" + AdvisoryLock.KEY + ")");

            MigrationLockTimeoutException failure =
                    catchThrowableOfType(MigrationLockTimeoutException.class, () -> migrator.upgrade(null));

            assertThat(failure.holder()).contains("other-deployer");
            assertThat(failure.getMessage()).contains("1000 ms", "other-deployer");
        }
        assertThat(tables(db)).isEmpty();
        assertThat(migrator.upgrade(null).applied()).hasSize(5);
    }

    @Test
    void the_migrating_session_is_named_valhalla_migrate_in_pg_stat_activity(TestDatabase db) throws SQLException {
        List<String> seen = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void revisionStarted(Revision revision, Direction direction) {
                try {
                    seen.addAll(strings(db, "SELECT application_name FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Migrator migrator = new Migrator(db::connect, graph(copyScenario("linear", folder)), ApplyFixtures.SETTINGS,
                listener);

        migrator.upgrade("0001_create_a");

        assertThat(seen).containsExactly(Migrator.APPLICATION_NAME);
    }

    @Test
    void concurrent_upgrades_apply_every_revision_exactly_once(TestDatabase db) throws Exception {
        RevisionGraph graph = graph(generateLinear(folder, 50, 0));
        int deployers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<RunResult>> runs = new ArrayList<>();
        for (int index = 0; index < deployers; index++) {
            Migrator migrator = new Migrator(db::connect, graph, ApplyFixtures.SETTINGS, MigrationListener.NONE);
            runs.add(() -> {
                start.await();
                return migrator.upgrade(null);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(deployers);
        List<RunResult> results = new ArrayList<>();
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            runs.forEach(run -> futures.add(pool.submit(run)));
            start.countDown();
            for (Future<RunResult> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results.stream().mapToInt(result -> result.applied().size()).sum()).isEqualTo(50);
        assertThat(history(db)).hasSize(50).doesNotHaveDuplicates();
        assertThat(tables(db)).hasSize(100);
        assertThat(strings(db, "SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
    }
}
