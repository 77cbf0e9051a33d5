package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.apply.MigrateSettings;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.Migrator;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class DriftDetectorTest {

    private final RevisionGraph graph = Fixtures.graph("correct");

    @Test
    void reports_nothing_on_an_untouched_database(TestDatabase db) {
        try (ScratchDatabase live = ScratchDatabase.create(db.jdbcUrl(), new Properties())) {
            migrator(live).upgrade(null);

            DriftReport report = detector(live).detect(graph);

            assertThat(report.ok()).isTrue();
            assertThat(report.applied()).containsExactly("0001_users", "0002_users_email");
            assertThat(report.text()).contains("no drift");
        }
    }

    @Test
    void reports_a_column_added_by_hand(TestDatabase db) throws SQLException {
        try (ScratchDatabase live = ScratchDatabase.create(db.jdbcUrl(), new Properties())) {
            migrator(live).upgrade(null);
            try (Connection connection = live.connect(); Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE users ADD COLUMN nickname text");
            }

            DriftReport report = detector(live).detect(graph);

            assertThat(report.ok()).isFalse();
            assertThat(report.diff().lines()).containsExactly("+ column public.users.nickname: text");
        }
    }

    @Test
    void replays_only_the_revisions_the_live_database_has_applied(TestDatabase db) {
        try (ScratchDatabase live = ScratchDatabase.create(db.jdbcUrl(), new Properties())) {
            migrator(live).upgrade("0001_users");

            DriftReport report = detector(live).detect(graph);

            assertThat(report.applied()).containsExactly("0001_users");
            assertThat(report.diff().isEmpty()).isTrue();
        }
    }

    private Migrator migrator(ScratchDatabase live) {
        return new Migrator(live.connectionSource(), graph, MigrateSettings.defaults(), MigrationListener.NONE);
    }

    private static DriftDetector detector(ScratchDatabase live) {
        return new DriftDetector(live.jdbcUrl(), new Properties(), MigrateSettings.defaults());
    }
}
