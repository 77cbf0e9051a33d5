package dev.valhalla.migrate.apply;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

import static dev.valhalla.migrate.apply.ApplyFixtures.copyScenario;
import static dev.valhalla.migrate.apply.ApplyFixtures.execute;
import static dev.valhalla.migrate.apply.ApplyFixtures.history;
import static dev.valhalla.migrate.apply.ApplyFixtures.migrator;
import static dev.valhalla.migrate.apply.ApplyFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class MigratorDowngradeTest {

    @TempDir
    Path folder;

    @BeforeEach
    void emptyDatabase(TestDatabase db) throws SQLException {
        ApplyFixtures.reset(db);
    }

    @Test
    void downgrade_to_a_revision_unapplies_its_descendants_and_keeps_it(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, copyScenario("linear", folder));
        migrator.upgrade(null);

        RunResult result = migrator.downgrade("0002_create_b");

        assertThat(result.unapplied()).containsExactly("0005_create_e", "0004_create_d", "0003_create_c");
        assertThat(tables(db)).containsExactly("linear_a", "linear_b");
        assertThat(history(db)).containsExactly("0001_create_a", "0002_create_b");
    }

    @Test
    void downgrade_across_a_merge_unapplies_the_merge_and_keeps_the_other_branch(TestDatabase db)
            throws SQLException {
        Migrator migrator = migrator(db, copyScenario("merge", folder));
        migrator.upgrade(null);

        assertThat(migrator.downgrade("m2_left").unapplied()).containsExactly("m5_top", "m4_join");

        assertThat(tables(db)).containsExactly("merge_base", "merge_left", "merge_right");
        assertThat(migrator.status().pending()).containsExactly("m4_join", "m5_top");
        assertThat(migrator.status().current()).containsExactlyInAnyOrder("m2_left", "m3_right");
        assertThat(migrator.upgrade(null).applied()).containsExactly("m4_join", "m5_top");
    }

    @Test
    void downgrade_minus_n_unapplies_the_last_n_applied_latest_first(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, copyScenario("merge", folder));
        migrator.upgrade(null);
        String lastBranch = history(db).get(2);

        assertThat(migrator.downgrade("-3").unapplied()).containsExactly("m5_top", "m4_join", lastBranch);

        assertThat(history(db)).hasSize(2).doesNotContain(lastBranch);
        assertThat(tables(db)).hasSize(2);
    }

    @Test
    void downgrade_minus_n_refuses_to_leave_an_applied_child_of_an_unapplied_parent(TestDatabase db)
            throws SQLException {
        Migrator migrator = migrator(db, copyScenario("merge", folder));
        migrator.stamp("base");
        // a history whose order is not topological, as a hand-edited one can be
        execute(db, "INSERT INTO valhalla_migrate.revision_history (revision_id, checksum, applied_by, duration_ms)"
                + " VALUES ('m1_base', 'x', 't', 0), ('m2_left', 'x', 't', 0), ('m4_join', 'x', 't', 0),"
                + " ('m3_right', 'x', 't', 0)");

        assertThatThrownBy(() -> migrator.downgrade("-1"))
                .isInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("m4_join (child of m3_right)");
        assertThat(history(db)).hasSize(4);
    }

    @Test
    void downgrade_to_base_unapplies_everything(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, copyScenario("merge", folder));
        migrator.upgrade(null);

        RunResult result = migrator.downgrade("base");

        assertThat(result.unapplied()).hasSize(5).startsWith("m5_top", "m4_join").endsWith("m1_base");
        assertThat(tables(db)).isEmpty();
        assertThat(history(db)).isEmpty();
    }

    @Test
    void downgrade_through_a_revision_without_downgrade_section_is_refused_before_anything_runs(TestDatabase db)
            throws SQLException {
        Migrator migrator = migrator(db, copyScenario("no_downgrade", folder));
        migrator.upgrade(null);

        assertThatThrownBy(() -> migrator.downgrade("base"))
                .isInstanceOf(MigrationPlanException.class)
                .hasMessageContaining("d2_forever");
        assertThat(tables(db)).containsExactly("nd_forever", "nd_kept");
        assertThat(history(db)).containsExactly("d1_kept", "d2_forever");
    }

    @Test
    void downgrade_to_an_unknown_target_is_refused(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, copyScenario("linear", folder));
        migrator.upgrade(null);

        assertThatThrownBy(() -> migrator.downgrade("nowhere")).isInstanceOf(MigrationPlanException.class);
        assertThatThrownBy(() -> migrator.downgrade("-6")).isInstanceOf(MigrationPlanException.class);
        assertThat(history(db)).hasSize(5);
    }

    @Test
    void stamp_sets_the_history_without_running_any_sql(TestDatabase db) throws SQLException {
        Migrator migrator = migrator(db, copyScenario("linear", folder));

        RunResult toThird = migrator.stamp("0003_create_c");
        assertThat(toThird.stamped()).isTrue();
        assertThat(history(db)).containsExactly("0001_create_a", "0002_create_b", "0003_create_c");
        assertThat(tables(db)).isEmpty();
        assertThat(migrator.status().applied()).extracting(HistoryEntry::durationMillis).containsOnly(0L);
        assertThat(migrator.status().edited()).isEmpty();

        migrator.stamp("heads");
        assertThat(history(db)).hasSize(5);

        assertThat(migrator.stamp("0001_create_a").unapplied()).hasSize(4);
        assertThat(history(db)).containsExactly("0001_create_a");

        migrator.stamp("base");
        assertThat(history(db)).isEmpty();
        assertThat(tables(db)).isEmpty();
        assertThatThrownBy(() -> migrator.stamp("nowhere")).isInstanceOf(MigrationPlanException.class);
    }
}
