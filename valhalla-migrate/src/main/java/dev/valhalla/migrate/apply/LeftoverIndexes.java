package dev.valhalla.migrate.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code CREATE INDEX CONCURRENTLY} that fails or is killed leaves an INVALID index behind under the same
 * name (PostgreSQL documents this under "Building Indexes Concurrently"). Rerunning the statement would then
 * fail with "relation already exists", or with {@code IF NOT EXISTS} silently keep the invalid index. Before
 * resuming at such a statement, the leftover is dropped.
 */
final class LeftoverIndexes {

    private static final Pattern CREATE_CONCURRENTLY = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s+ON\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|--[^\\n]*\\n|/\\*.*?\\*/)*",
            Pattern.DOTALL);

    private LeftoverIndexes() {
    }

    /** Drops the index named by {@code sql} if it is a concurrent index creation and that index exists INVALID. */
    static void dropInvalid(Connection connection, String sql) throws SQLException {
        Matcher matcher = CREATE_CONCURRENTLY.matcher(LEADING_COMMENTS.matcher(sql).replaceFirst(""));
        if (!matcher.find()) {
            return;
        }
        String name = matcher.group(1);
        if (isInvalid(connection, name)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
            }
        }
    }

    private static boolean isInvalid(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
