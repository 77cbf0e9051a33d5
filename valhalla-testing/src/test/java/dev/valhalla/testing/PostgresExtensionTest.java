package dev.valhalla.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    @Test
    void gives_each_class_its_own_database_on_a_recent_server(TestDatabase db) throws Exception {
        try (Connection connection = db.connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            assertTrue(rs.next());
            assertEquals(db.name(), rs.getString(1));
            assertTrue(rs.getInt(2) >= 150000, "server version " + rs.getInt(2));
        }
    }

    @Test
    void hands_out_the_same_database_within_a_class(TestDatabase first, TestDatabase second) {
        assertEquals(first.name(), second.name());
    }
}
