package dev.valhalla.migrate.cli;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.valhalla.migrate.cli.CliRun.db;
import static dev.valhalla.migrate.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@code valhalla db} commands against a real PostgreSQL: each test gets a database of its own. */
@ExtendWith(PostgresExtension.class)
class DbCommandDatabaseTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String url;

    @BeforeEach
    void createDatabase(TestDatabase db) throws SQLException {
        String name = db.name() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        url = db.jdbcUrl().replace("/" + db.name() + "?", "/" + name + "?");
        assertThat(url).contains("/" + name + "?");
    }

    @Test
    void upgrade_applies_every_revision_and_status_reports_at_head() throws SQLException {
        CliRun upgrade = db("upgrade", "--url", url, "--dir", fixture("linear").toString());
        CliRun status = db("status", "--url", url, "--dir", fixture("linear").toString());

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).containsPattern("✓ ↑ 0001_create_users .*\\(\\d+ ms\\)")
                .containsPattern("✓ ↑ 0002_add_email .*\\(\\d+ ms\\)")
                .contains("Applied 2 revisions");
        assertThat(columns("users")).containsExactly("id", "name", "email");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Applied: 2   Pending: 0", "✓ at head");
    }

    @Test
    void status_lists_pending_revisions_as_json() {
        CliRun status = db("status", "--url", url, "--dir", fixture("linear").toString(), "--format", "json");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("\"pending\" : [ \"0001_create_users\", \"0002_add_email\" ]",
                "\"at_head\" : false");
    }

    @Test
    void upgrade_to_a_target_stops_there() throws SQLException {
        CliRun upgrade = db("upgrade", "0001_create_users", "--url", url, "--dir", fixture("linear").toString());

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(columns("users")).containsExactly("id", "name");
        assertThat(appliedIds()).containsExactly("0001_create_users");
    }

    @Test
    void downgrade_minus_one_unapplies_the_latest_revision() throws SQLException {
        db("upgrade", "--url", url, "--dir", fixture("linear").toString());

        CliRun downgrade = db("downgrade", "-1", "--url", url, "--dir", fixture("linear").toString());

        assertThat(downgrade.exitCode()).as(downgrade.toString()).isZero();
        assertThat(downgrade.out()).contains("↓ 0002_add_email", "Un-applied 1 revision");
        assertThat(columns("users")).containsExactly("id", "name");
        assertThat(appliedIds()).containsExactly("0001_create_users");
    }

    @Test
    void stamp_records_revisions_without_running_their_sql() throws SQLException {
        CliRun stamp = db("stamp", "heads", "--url", url, "--dir", fixture("linear").toString());

        assertThat(stamp.exitCode()).as(stamp.toString()).isZero();
        assertThat(stamp.out()).contains("no SQL was run");
        assertThat(appliedIds()).containsExactlyInAnyOrder("0001_create_users", "0002_add_email");
        assertThat(columns("users")).isEmpty();
    }

    @Test
    void history_lists_applied_revisions_with_who_and_how_long() {
        db("upgrade", "--url", url, "--dir", fixture("linear").toString());

        CliRun history = db("history", "--url", url, "--dir", fixture("linear").toString());
        CliRun json = db("history", "--url", url, "--dir", fixture("linear").toString(), "--format", "json");

        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out()).contains("REVISION", "APPLIED AT", "BY", "DURATION", "0001_create_users",
                "0002_add_email", "2 applied revisions");
        assertThat(json.out()).contains("\"id\" : \"0002_add_email\"", "\"duration_ms\"", "\"applied_by\"");
    }

    @Test
    void failing_statement_exits_one_naming_file_line_and_sqlstate() throws SQLException {
        CliRun upgrade = db("upgrade", "--url", url, "--dir", fixture("failing").toString());

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        assertThat(upgrade.err()).contains("0002_broken.sql:8", "SQLSTATE 42P01", "missing_table")
                .doesNotContain("\tat ");
        assertThat(upgrade.out()).contains("↑ 0001_create_users");
        assertThat(appliedIds()).containsExactly("0001_create_users");
        assertThat(columns("audit")).as("the failed revision was rolled back").isEmpty();
    }

    @Test
    void malformed_revision_file_exits_two_and_applies_nothing() throws SQLException {
        CliRun upgrade = db("upgrade", "--url", url, "--dir", fixture("malformed").toString());

        assertThat(upgrade.exitCode()).isEqualTo(2);
        assertThat(upgrade.err()).contains("0002_bad_header.sql:4");
        assertThat(columns("users")).isEmpty();
        assertThat(historySchemaExists()).isFalse();
    }

    @Test
    void unreachable_database_exits_two_promptly_with_url_and_cause() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/x";

        CliRun status = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> db("status", "--url", unreachable, "--password", "s3cret", "--dir", fixture("linear").toString()));

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).contains(unreachable).containsIgnoringCase("refused").doesNotContain("s3cret");
    }

    @Test
    void check_fails_when_an_applied_revision_was_edited(@TempDir Path dir) throws IOException {
        MigrateMainTest.copy(fixture("linear"), dir);
        assertThat(db("upgrade", "--url", url, "--dir", dir.toString()).exitCode()).isZero();
        Path first = dir.resolve("0001_create_users.sql");
        Files.writeString(first, Files.readString(first).replace("name text NOT NULL", "name text"));

        CliRun check = db("check", "--url", url, "--dir", dir.toString());

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("0001_create_users: applied, but its file was edited since", "✗ check failed");
    }

    @Test
    void upgrade_json_is_one_document_listing_the_applied_revisions() {
        CliRun upgrade = db("upgrade", "--url", url, "--dir", fixture("linear").toString(), "--format", "json");

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).startsWith("{").endsWith("}" + System.lineSeparator())
                .contains("\"id\" : \"0001_create_users\"", "\"direction\" : \"upgrade\"")
                .doesNotContain("✓");
    }

    @Test
    void test_command_passes_when_downgrades_restore_the_schema() {
        CliRun test = db("test", "--url", url, "--dir", fixture("linear").toString());

        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).contains("revisions upgrade, downgrade and upgrade again cleanly");
    }

    @Test
    void test_command_exits_one_when_a_downgrade_leaves_objects_behind() {
        CliRun test = db("test", "--url", url, "--dir", fixture("bad_downgrade").toString());

        assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
        assertThat(test.out()).contains("users", "revision test failed");
    }

    @Test
    void drift_reports_a_column_added_outside_the_revisions() throws SQLException {
        db("upgrade", "--url", url, "--dir", fixture("linear").toString());
        CliRun clean = db("drift", "--url", url, "--dir", fixture("linear").toString());
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE users ADD COLUMN added_by_hand integer");
        }

        CliRun drifted = db("drift", "--url", url, "--dir", fixture("linear").toString());

        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("no drift");
        assertThat(drifted.exitCode()).as(drifted.toString()).isEqualTo(1);
        assertThat(drifted.out()).contains("added_by_hand");
    }

    private List<String> columns(String table) throws SQLException {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND "
                + "table_name = '" + table + "' ORDER BY ordinal_position");
    }

    private List<String> appliedIds() throws SQLException {
        CliRun history = db("history", "--url", url, "--dir", fixture("linear").toString());
        assertThat(history.exitCode()).as(history.toString()).isZero();
        List<String> ids = new ArrayList<>();
        for (String line : history.out().lines().toList()) {
            String first = line.strip().split("\\s+")[0];
            if (first.matches("\\d{4}_\\w+")) {
                ids.add(first);
            }
        }
        return ids;
    }

    private boolean historySchemaExists() throws SQLException {
        return !strings("SELECT nspname FROM pg_namespace WHERE nspname = 'valhalla_migrate'").isEmpty();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
