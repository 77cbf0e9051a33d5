package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.RevisionDirectory;
import dev.valhalla.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision folders, migrators and catalog queries shared by the apply tests. */
final class ApplyFixtures {

    static final MigrateSettings SETTINGS = new MigrateSettings("valhalla_migrate", Duration.ofSeconds(60), "tester@test");

    private ApplyFixtures() {
    }

    /** Copies {@code src/test/resources/apply/<scenario>} into {@code target} so a test may edit the files. */
    static Path copyScenario(String scenario, Path target) {
        try {
            Path source = Path.of(ApplyFixtures.class.getResource("/apply/" + scenario).toURI());
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RevisionGraph graph(Path folder) {
        RevisionDirectory.LoadResult loaded = RevisionDirectory.load(folder);
        assertThat(loaded.errors()).isEmpty();
        return RevisionGraph.of(loaded.revisions());
    }

    static Migrator migrator(TestDatabase db, Path folder) {
        return new Migrator(db::connect, graph(folder), SETTINGS, MigrationListener.NONE);
    }

    /** Empties the test database: the public schema and the history schema. */
    static void reset(TestDatabase db) throws SQLException {
        execute(db, "DROP SCHEMA IF EXISTS valhalla_migrate CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static List<String> strings(TestDatabase db, String query) throws SQLException {
        try (Connection connection = db.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Ids in the history table, in apply order. */
    static List<String> history(TestDatabase db) throws SQLException {
        return strings(db, "SELECT revision_id FROM valhalla_migrate.revision_history ORDER BY apply_order");
    }

    /** Tables of the public schema, sorted. */
    static List<String> tables(TestDatabase db) throws SQLException {
        return strings(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    }

    /**
     * Writes {@code count} linear revisions {@code g0001 … gNNNN}; revision i creates tables {@code gen_i_a} and
     * {@code gen_i_b}, in one transaction, after pausing {@code pauseSeconds} (0 for none).
     */
    static Path generateLinear(Path folder, int count, double pauseSeconds) {
        try {
            for (int index = 1; index <= count; index++) {
                String id = generatedId(index);
                String parents = index == 1 ? "" : "-- parents: " + generatedId(index - 1) + "\n";
                String pause = pauseSeconds > 0 ? "SELECT pg_sleep(" + pauseSeconds + ");\n" : "";
                Files.writeString(folder.resolve(id + ".sql"), "-- id: " + id + "\n" + parents
                        + "-- message: generated " + index + "\n\n-- upgrade\n"
                        + "CREATE TABLE gen_" + index + "_a (id bigint PRIMARY KEY);\n" + pause
                        + "CREATE TABLE gen_" + index + "_b (id bigint PRIMARY KEY);\n\n-- downgrade\n"
                        + "DROP TABLE gen_" + index + "_b;\nDROP TABLE gen_" + index + "_a;\n");
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String generatedId(int index) {
        return String.format("g%04d", index);
    }
}
