package dev.valhalla.migrate.apply;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static dev.valhalla.migrate.apply.ApplyFixtures.copyScenario;
import static dev.valhalla.migrate.apply.ApplyFixtures.execute;
import static dev.valhalla.migrate.apply.ApplyFixtures.history;
import static dev.valhalla.migrate.apply.ApplyFixtures.migrator;
import static dev.valhalla.migrate.apply.ApplyFixtures.strings;
import static dev.valhalla.migrate.apply.ApplyFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class NonTransactionalRevisionTest {

    private static final String PROGRESS =
            "SELECT revision_id || ' ' || statements_done || '/' || total FROM valhalla_migrate.revision_progress";

    @TempDir
    Path folder;

    @BeforeEach
    void emptyDatabase(TestDatabase db) throws SQLException {
        ApplyFixtures.reset(db);
    }

    @Test
    void a_rerun_resumes_at_the_failed_statement_without_repeating_the_done_ones(TestDatabase db) throws Exception {
        copyScenario("non_transactional", folder);

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db, folder).upgrade(null));

        assertThat(failure.revision()).isEqualTo("n2_steps");
        assertThat(failure.line()).isEqualTo(10);
        assertThat(failure.sqlState()).isEqualTo("42P01");
        assertThat(history(db)).containsExactly("n1_base");
        assertThat(tables(db)).containsExactly("nt_base", "nt_one", "nt_two");
        assertThat(strings(db, PROGRESS)).containsExactly("n2_steps 2/5");

        // statements 1 and 2 are CREATE TABLE without IF NOT EXISTS: running them again would fail
        Path steps = folder.resolve("n2_steps.sql");
        Files.writeString(steps, Files.readString(steps)
                .replace("INSERT INTO nt_missing VALUES (1)", "CREATE TABLE nt_three (id int)"));
        RunResult rerun = migrator(db, folder).upgrade(null);

        assertThat(rerun.applied()).containsExactly("n2_steps");
        assertThat(tables(db)).containsExactly("nt_base", "nt_five", "nt_one", "nt_three", "nt_two");
        assertThat(strings(db, "SELECT indexname FROM pg_indexes WHERE indexname = 'nt_base_code'")).hasSize(1);
        assertThat(strings(db, PROGRESS)).isEmpty();
        assertThat(history(db)).containsExactly("n1_base", "n2_steps");
    }

    @Test
    void a_non_transactional_revision_downgrades_statement_by_statement(TestDatabase db) throws Exception {
        copyScenario("non_transactional", folder);
        Path steps = folder.resolve("n2_steps.sql");
        Files.writeString(steps, Files.readString(steps)
                .replace("INSERT INTO nt_missing VALUES (1)", "CREATE TABLE nt_three (id int)"));
        Migrator migrator = migrator(db, folder);
        migrator.upgrade(null);

        assertThat(migrator.downgrade("n1_base").unapplied()).containsExactly("n2_steps");

        assertThat(tables(db)).containsExactly("nt_base");
        assertThat(strings(db, PROGRESS)).isEmpty();
    }

    @Test
    void an_invalid_index_left_by_a_failed_concurrent_build_is_dropped_before_the_rerun(TestDatabase db)
            throws Exception {
        Migrator migrator = migrator(db, copyScenario("invalid_index", folder));
        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator.upgrade(null));
        assertThat(failure.sqlState()).isEqualTo("23505");
        assertThat(strings(db, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ii_items_code'::regclass"))
                .containsExactly("false");

        execute(db, "DELETE FROM ii_items WHERE ctid = (SELECT min(ctid) FROM ii_items WHERE code = 1)");
        assertThat(migrator.upgrade(null).applied()).containsExactly("i1_items");

        assertThat(strings(db, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ii_items_code'::regclass"))
                .containsExactly("true");
        assertThat(strings(db, "SELECT count(*)::text FROM ii_items")).containsExactly("2");
    }
}
