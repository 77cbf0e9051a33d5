package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.valhalla.migrate.apply.ApplyFixtures.copyScenario;
import static dev.valhalla.migrate.apply.ApplyFixtures.graph;
import static dev.valhalla.migrate.apply.ApplyFixtures.history;
import static dev.valhalla.migrate.apply.ApplyFixtures.migrator;
import static dev.valhalla.migrate.apply.ApplyFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@ExtendWith(PostgresExtension.class)
class MigrationFailureTest {

    @TempDir
    Path folder;

    @BeforeEach
    void emptyDatabase(TestDatabase db) throws SQLException {
        ApplyFixtures.reset(db);
    }

    @Test
    void a_failing_statement_rolls_back_its_revision_only_and_reports_where_and_why(TestDatabase db)
            throws Exception {
        copyScenario("fails_in_middle", folder);

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db, folder).upgrade(null));

        assertThat(failure.revision()).isEqualTo("f3_three");
        assertThat(failure.file()).isEqualTo(folder.resolve("f3_three.sql"));
        assertThat(failure.line()).isEqualTo(9);
        assertThat(failure.sqlState()).isEqualTo("42P01");
        assertThat(failure.serverMessage()).contains("relation \"no_such_table\" does not exist");
        assertThat(failure.getMessage()).contains("f3_three.sql:9", "42P01")
                .doesNotContain("current transaction is aborted");
        assertThat(failure.exitCode()).isEqualTo(MigrateException.EXIT_FAILED);
        assertThat(history(db)).containsExactly("f1_one", "f2_two");
        assertThat(tables(db)).containsExactly("fail_one", "fail_two");

        Path broken = folder.resolve("f3_three.sql");
        Files.writeString(broken, Files.readString(broken).replace("FROM no_such_table", "FROM fail_two"));
        RunResult rerun = migrator(db, folder).upgrade(null);

        assertThat(rerun.applied()).containsExactly("f3_three", "f4_four", "f5_five");
        assertThat(tables(db)).containsExactly("fail_five", "fail_four", "fail_one", "fail_three", "fail_two");
    }

    @Test
    void after_a_failed_statement_the_only_thing_sent_on_its_transaction_is_rollback(TestDatabase db) {
        copyScenario("fails_in_middle", folder);
        List<String> calls = new ArrayList<>();
        Migrator migrator = new Migrator(() -> RecordingConnection.wrap(db.connect(), calls), graph(folder),
                ApplyFixtures.SETTINGS, MigrationListener.NONE);

        catchThrowableOfType(MigrationFailedException.class, () -> migrator.upgrade(null));

        int failed = calls.indexOf("execute INSERT INTO fail_three SELECT id FROM no_such_table FAILED");
        assertThat(failed).as("calls: %s", calls).isPositive();
        assertThat(calls.get(failed + 1)).isEqualTo("rollback");
        assertThat(calls.subList(failed + 2, calls.size()))
                .as("after the rollback only the lock is released")
                .allSatisfy(call -> assertThat(call).contains("pg_advisory_unlock"));
    }

    @Test
    void lock_timeout_of_a_revision_makes_a_blocked_statement_fail_instead_of_waiting(TestDatabase db)
            throws Exception {
        Migrator migrator = migrator(db, copyScenario("timeouts", folder));
        migrator.upgrade("t1_target");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE tm_target IN ACCESS EXCLUSIVE MODE");

            MigrationFailedException failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> catchThrowableOfType(MigrationFailedException.class, () -> migrator.upgrade(null)));

            assertThat(failure.sqlState()).isEqualTo("55P03");
            assertThat(failure.revision()).isEqualTo("t2_alter");
            holder.rollback();
        }
        assertThat(history(db)).containsExactly("t1_target");
        assertThat(migrator.upgrade(null).applied()).containsExactly("t2_alter");
    }

    @Test
    void statement_timeout_of_a_revision_cancels_a_slow_statement(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, copyScenario("statement_timeout", folder));

        MigrationFailedException failure = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> catchThrowableOfType(MigrationFailedException.class, () -> migrator.upgrade(null)));

        assertThat(failure.sqlState()).isEqualTo("57014");
        assertThat(history(db)).isEmpty();
    }
}
