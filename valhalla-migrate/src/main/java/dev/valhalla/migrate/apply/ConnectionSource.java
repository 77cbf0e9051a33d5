package dev.valhalla.migrate.apply;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Opens a new JDBC connection to the database to migrate. A {@link Migrator} opens one connection per run
 * and closes it at the end; implementations must therefore return a fresh connection on every call.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** Opens a new connection; the caller closes it. */
    Connection open() throws SQLException;

    /**
     * A source that opens connections with {@link DriverManager}, named {@code valhalla-migrate} in
     * {@code pg_stat_activity}. Any failure to open a connection is thrown as
     * {@link DatabaseUnavailableException} naming the URL without its password.
     *
     * <p>Thread-safe: the properties are copied when the source is created.
     *
     * @param jdbcUrl    a {@code jdbc:postgresql:} URL
     * @param properties connection properties such as {@code user} and {@code password}; may be empty
     */
    static ConnectionSource of(String jdbcUrl, Properties properties) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.putIfAbsent("ApplicationName", Migrator.APPLICATION_NAME);
        // savepoints sent behind our back would be statements on a failed transaction
        copy.putIfAbsent("autosave", "never");
        String shown = withoutPassword(jdbcUrl);
        return () -> {
            try {
                return DriverManager.getConnection(jdbcUrl, copy);
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(shown, e);
            }
        };
    }

    /** The URL with any {@code password=} parameter removed, for messages. */
    private static String withoutPassword(String jdbcUrl) {
        String stripped = Pattern.compile("(?i)([?&;])password=[^&;]*[&;]?").matcher(jdbcUrl).replaceAll("$1");
        return stripped.endsWith("?") || stripped.endsWith("&") || stripped.endsWith(";")
                ? stripped.substring(0, stripped.length() - 1)
                : stripped;
    }
}
