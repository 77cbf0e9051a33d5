package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class ScratchDatabaseTest {

    @Test
    void creates_a_database_and_drops_it_on_close_even_with_a_connection_left_open(TestDatabase db)
            throws SQLException {
        ScratchDatabase scratch = ScratchDatabase.create(db.jdbcUrl(), new Properties());
        Connection leftOpen = scratch.connect();
        try (Statement statement = leftOpen.createStatement()) {
            statement.execute("CREATE TABLE kept_busy (id int)");
        }
        assertThat(scratch.name()).startsWith("valhalla_scratch_");
        assertThat(databaseExists(db, scratch.name())).isTrue();

        scratch.close();

        assertThat(databaseExists(db, scratch.name())).isFalse();
        assertThat(leftOpen.isValid(2)).isFalse();
        leftOpen.close();
    }

    @Test
    void addresses_the_scratch_database_on_the_same_server_with_the_same_parameters(TestDatabase db)
            throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(db.jdbcUrl(), new Properties());
             Connection connection = scratch.connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database(), current_user")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo(scratch.name());
            assertThat(row.getString(2)).isEqualTo("postgres");
            assertThat(scratch.jdbcUrl())
                    .isEqualTo("jdbc:postgresql://localhost:" + db.port() + "/" + scratch.name() + "?user=postgres");
        }
    }

    @Test
    void replaces_only_the_database_name_of_a_url() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db1:5432,db2:5433/app?user=x&ssl=true").withDatabase("s"))
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/s?user=x&ssl=true");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5432?user=x").withDatabase("s"))
                .isEqualTo("jdbc:postgresql://db:5432/s?user=x");
        assertThat(DatabaseUrl.parse("jdbc:postgresql:app").withDatabase("s")).isEqualTo("jdbc:postgresql:s");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://[::1]:5432/app").database()).isEqualTo("app");
    }

    @Test
    void fails_with_a_clear_error_when_the_server_cannot_be_reached() {
        assertThatThrownBy(() -> ScratchDatabase.create("jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2",
                new Properties()))
                .isInstanceOf(ScratchDatabaseException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/")
                .extracting(e -> ((MigrateException) e).exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
    }

    private static boolean databaseExists(TestDatabase db, String name) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }
}
