package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static dev.valhalla.migrate.apply.ApplyFixtures.copyScenario;
import static dev.valhalla.migrate.apply.ApplyFixtures.graph;
import static dev.valhalla.migrate.apply.ApplyFixtures.history;
import static dev.valhalla.migrate.apply.ApplyFixtures.migrator;
import static dev.valhalla.migrate.apply.ApplyFixtures.strings;
import static dev.valhalla.migrate.apply.ApplyFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class MigratorUpgradeTest {

    private static final List<String> LINEAR =
            List.of("0001_create_a", "0002_create_b", "0003_create_c", "0004_create_d", "0005_create_e");

    @TempDir
    Path folder;

    @BeforeEach
    void emptyDatabase(TestDatabase db) throws SQLException {
        ApplyFixtures.reset(db);
        copyScenario("linear", folder);
    }

    @Test
    void status_of_a_database_never_migrated_lists_every_revision_as_pending_and_creates_nothing(TestDatabase db)
            throws SQLException {
        MigrationStatus status = migrator(db, folder).status();

        assertThat(status.pending()).isEqualTo(LINEAR);
        assertThat(status.applied()).isEmpty();
        assertThat(status.atHead()).isFalse();
        assertThat(strings(db, "SELECT to_regnamespace('valhalla_migrate')::text")).containsExactly((String) null);
    }

    @Test
    void upgrade_applies_every_revision_in_order_and_status_is_then_at_head(TestDatabase db) throws SQLException {
        List<String> events = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void revisionStarted(Revision revision, Direction direction) {
                events.add("start " + revision.id());
            }

            @Override
            public void revisionCompleted(Revision revision, Direction direction, Duration duration) {
                events.add("done " + revision.id());
            }
        };
        Migrator migrator = new Migrator(db::connect, graph(folder), ApplyFixtures.SETTINGS, listener);

        RunResult result = migrator.upgrade(null);

        assertThat(result.applied()).isEqualTo(LINEAR);
        assertThat(result.stamped()).isFalse();
        assertThat(tables(db)).containsExactly("linear_a", "linear_b", "linear_c", "linear_d", "linear_e");
        assertThat(history(db)).isEqualTo(LINEAR);
        assertThat(events).hasSize(10).startsWith("start 0001_create_a", "done 0001_create_a");
        MigrationStatus status = migrator.status();
        assertThat(status.atHead()).isTrue();
        assertThat(status.current()).containsExactly("0005_create_e");
        assertThat(status.applied()).extracting(HistoryEntry::appliedBy).containsOnly("tester@test");
        assertThat(status.edited()).isEmpty();
        assertThat(status.unknown()).isEmpty();
        assertThat(migrator.upgrade("heads").nothingToDo()).isTrue();
    }

    @Test
    void a_run_reads_the_history_once_and_sends_one_statement_per_sql_statement_plus_history_and_commit(
            TestDatabase db) {
        List<String> calls = new ArrayList<>();
        Migrator migrator = new Migrator(() -> RecordingConnection.wrap(db.connect(), calls), graph(folder),
                ApplyFixtures.SETTINGS, MigrationListener.NONE);

        migrator.upgrade(null);

        assertThat(calls).filteredOn(call -> call.contains("FROM \"valhalla_migrate\".revision_history")).hasSize(1);
        assertThat(calls).filteredOn(call -> call.startsWith("executeUpdate INSERT INTO")).hasSize(5);
        assertThat(calls).filteredOn(call -> call.equals("commit")).hasSize(5);
        assertThat(calls).filteredOn(call -> call.startsWith("execute CREATE TABLE linear_")).hasSize(5);
    }

    @Test
    void upgrade_to_a_target_applies_only_its_ancestors(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, folder);

        assertThat(migrator.upgrade("0002_create_b").applied()).containsExactly("0001_create_a", "0002_create_b");

        assertThat(tables(db)).containsExactly("linear_a", "linear_b");
        assertThat(migrator.status().pending()).containsExactly("0003_create_c", "0004_create_d", "0005_create_e");
        assertThat(migrator.upgrade("0004_create_d").applied()).containsExactly("0003_create_c", "0004_create_d");
    }

    @Test
    void upgrade_to_an_unknown_target_fails_with_exit_code_2_before_anything_runs(TestDatabase db)
            throws SQLException {
        assertThatThrownBy(() -> migrator(db, folder).upgrade("0009_nowhere"))
                .isInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("0009_nowhere")
                .extracting(e -> ((MigrateException) e).exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
        assertThat(tables(db)).isEmpty();
        assertThat(strings(db, "SELECT to_regnamespace('valhalla_migrate')::text")).containsExactly((String) null);
    }

    @Test
    void an_edited_applied_revision_is_reported_and_never_rerun(TestDatabase db) throws Exception {
        migrator(db, folder).upgrade(null);
        Path file = folder.resolve("0002_create_b.sql");
        Files.writeString(file, Files.readString(file).replace("(id bigint PRIMARY KEY)", "(id bigint PRIMARY KEY, extra int)"));
        Migrator edited = migrator(db, folder);

        assertThat(edited.status().edited()).containsExactly("0002_create_b");
        assertThat(edited.upgrade(null).nothingToDo()).isTrue();
        assertThat(strings(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'linear_b'"))
                .containsExactly("id");
    }

    @Test
    void applied_revisions_without_a_file_are_reported_as_unknown(TestDatabase db) throws Exception {
        migrator(db, folder).upgrade(null);
        Files.delete(folder.resolve("0005_create_e.sql"));

        MigrationStatus status = migrator(db, folder).status();

        assertThat(status.unknown()).containsExactly("0005_create_e");
        assertThat(status.atHead()).isTrue();
    }

    @Test
    void unreachable_database_fails_with_exit_code_2_naming_the_url_without_password() {
        ConnectionSource source = ConnectionSource.of(
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=deployer&password=hunter2&connectTimeout=2", new Properties());
        Migrator migrator = new Migrator(source, graph(folder), ApplyFixtures.SETTINGS, MigrationListener.NONE);

        assertThatThrownBy(() -> migrator.upgrade(null))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/nowhere?user=deployer&connectTimeout=2")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((MigrateException) e).exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
    }

    @Test
    void a_database_that_does_not_exist_is_reported_as_unavailable(TestDatabase db) {
        String url = db.jdbcUrl().replace("/" + db.name(), "/" + db.name() + "_missing");
        Migrator migrator = new Migrator(ConnectionSource.of(url, new Properties()), graph(folder),
                ApplyFixtures.SETTINGS, MigrationListener.NONE);

        assertThatThrownBy(migrator::status)
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining(db.name() + "_missing");
    }
}
