package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.apply.ConnectionSource;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throw-away database on the same server as a given database, created empty from {@code template0} and
 * dropped on {@link #close()} even while connections to it are still open. Used to replay revisions without
 * touching the real database.
 *
 * <p>The user of the URL needs the {@code CREATEDB} privilege. {@link #close()} is idempotent and thread-safe.
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final String NAME_PREFIX = "valhalla_scratch_";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String maintenanceUrl;
    private final Properties properties;
    private final String name;
    private final String jdbcUrl;
    private final String server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScratchDatabase(String maintenanceUrl, Properties properties, String name, DatabaseUrl url) {
        this.maintenanceUrl = maintenanceUrl;
        this.properties = properties;
        this.name = name;
        this.jdbcUrl = url.withDatabase(name);
        this.server = url.prefix();
    }

    /**
     * Creates a new empty database {@code valhalla_scratch_<random>} on the server of {@code jdbcUrl}, connecting
     * through the maintenance database {@code postgres}, or the URL's own database when that one is refused.
     *
     * @param jdbcUrl    a {@code jdbc:postgresql:} URL of any database on the server
     * @param properties connection properties such as {@code user} and {@code password}; may be empty
     * @throws ScratchDatabaseException when the server cannot be reached or refuses to create the database
     */
    public static ScratchDatabase create(String jdbcUrl, Properties properties) {
        DatabaseUrl url = DatabaseUrl.parse(jdbcUrl);
        Properties copy = new Properties();
        copy.putAll(properties);
        String name = NAME_PREFIX + HexFormat.of().formatHex(randomBytes());
        String maintenanceUrl = reachableMaintenanceUrl(url, copy);
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, copy);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new ScratchDatabaseException(
                    "cannot create scratch database " + name + " on " + url.prefix() + ": " + e.getMessage(), e);
        }
        return new ScratchDatabase(maintenanceUrl, copy, name, url);
    }

    /** The scratch database's name. */
    public String name() {
        return name;
    }

    /** JDBC URL of the scratch database: the original URL with the database name replaced. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Opens a new connection to the scratch database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** A source of connections to the scratch database, for a migrator. */
    public ConnectionSource connectionSource() {
        return ConnectionSource.of(jdbcUrl, properties);
    }

    /**
     * Drops the scratch database, ending any session still connected to it.
     *
     * @throws ScratchDatabaseException when the server refuses
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, properties);
             Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                // before PostgreSQL 13 open sessions must be ended by hand, or DROP DATABASE refuses
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + name + "' AND pid <> pg_backend_pid()");
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            throw new ScratchDatabaseException(
                    "cannot drop scratch database " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    private static String reachableMaintenanceUrl(DatabaseUrl url, Properties properties) {
        List<String> candidates = url.database().isEmpty() || url.database().equals(MAINTENANCE_DATABASE)
                ? List.of(url.withDatabase(url.database()))
                : List.of(url.withDatabase(MAINTENANCE_DATABASE), url.withDatabase(url.database()));
        SQLException failure = null;
        for (String candidate : candidates) {
            try {
                DriverManager.getConnection(candidate, properties).close();
                return candidate;
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw new ScratchDatabaseException(
                "cannot connect to " + url.prefix() + " to create a scratch database: " + failure.getMessage(), failure);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
