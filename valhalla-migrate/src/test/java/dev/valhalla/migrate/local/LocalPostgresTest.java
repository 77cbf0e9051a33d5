package dev.valhalla.migrate.local;

import dev.valhalla.migrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPostgresTest {

    @Test
    void keeps_data_across_restarts(@TempDir Path folder) throws SQLException {
        Path data = folder.resolve("postgres");
        try (LocalPostgres first = LocalPostgres.start(data)) {
            assertThat(first.owner()).isTrue();
            execute(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        try (LocalPostgres second = LocalPostgres.start(data)) {
            assertThat(second.owner()).isTrue();
            assertThat(queryInt(second, "SELECT id FROM kept")).isEqualTo(42);
        }
    }

    @Test
    void a_second_start_on_the_same_folder_joins_the_running_server(@TempDir Path folder) throws SQLException {
        try (LocalPostgres first = LocalPostgres.start(folder.resolve("postgres"))) {
            try (LocalPostgres second = LocalPostgres.start(folder.resolve("postgres"))) {
                assertThat(second.owner()).isFalse();
                assertThat(second.port()).isEqualTo(first.port());
                execute(second, "CREATE TABLE shared (id int); INSERT INTO shared VALUES (7)");
            }
            // closing the joined handle leaves the server running
            assertThat(queryInt(first, "SELECT id FROM shared")).isEqualTo(7);
        }
    }

    @Test
    void listens_on_the_loopback_address_and_stops_on_close(@TempDir Path folder) throws SQLException {
        LocalPostgres local = LocalPostgres.start(folder.resolve("postgres"));
        String url = local.jdbcUrl("postgres");
        assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:" + local.port() + "/postgres");
        assertThat(queryInt(local, "SELECT 1")).isEqualTo(1);

        local.close();

        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void fails_with_a_clear_error_when_the_data_folder_cannot_be_used(@TempDir Path folder) throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("file"), "not a data folder");

        assertThatThrownBy(() -> LocalPostgres.start(notAFolder))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("cannot start local PostgreSQL in " + notAFolder)
                .hasCauseInstanceOf(IOException.class)
                .extracting(e -> ((MigrateException) e).exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
    }

    private static void execute(LocalPostgres local, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(local.jdbcUrl("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryInt(LocalPostgres local, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(local.jdbcUrl("postgres"));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
