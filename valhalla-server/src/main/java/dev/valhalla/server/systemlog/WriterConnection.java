package dev.valhalla.server.systemlog;

import dev.valhalla.server.core.config.DatabaseSettings;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One dedicated, non-pooled connection for a background writer, opened on first use and reopened after
 * it broke. A writer on its own connection never takes a pooled connection from requests (a stalled log
 * table cannot exhaust the pool, an exhausted pool cannot stall the log), and its statements stay out of
 * the query monitor. Not thread-safe: used by the writer's thread only.
 */
public final class WriterConnection implements AutoCloseable {

    /** Work in one transaction on the writer's connection. */
    @FunctionalInterface
    public interface Work {
        /** Runs with a handle inside an open transaction. */
        void run(Handle handle) throws Exception;
    }

    private static final int VALIDATION_SECONDS = 2;
    private final DatabaseSettings settings;
    private final String applicationName;
    private final Jdbi jdbi;
    private Connection connection;

    /**
     * @param applicationName shown in {@code pg_stat_activity}, e.g. {@code valhalla-system-log}
     */
    public WriterConnection(DatabaseSettings settings, String applicationName) {
        this.settings = settings;
        this.applicationName = applicationName;
        this.jdbi = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return current();
            }

            @Override
            public void closeConnection(Connection toClose) {
                // kept open across batches; closed by close() or when found broken
            }
        });
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public void inTransaction(Work work) throws Exception {
        try {
            jdbi.useTransaction(work::run);
        } catch (Exception e) {
            discardIfBroken();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection: nothing left to release
            }
            connection = null;
        }
    }

    private Connection current() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties properties = new Properties();
            settings.user().ifPresent(user -> properties.setProperty("user", user));
            settings.password().ifPresent(password -> properties.setProperty("password", password));
            properties.setProperty("ApplicationName", applicationName);
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("socketTimeout", "30");
            connection = DriverManager.getConnection(settings.url().orElseThrow(
                    () -> new SQLException("database URL not resolved")), properties);
        }
        return connection;
    }

    private void discardIfBroken() {
        try {
            if (connection != null && !connection.isValid(VALIDATION_SECONDS)) {
                close();
            }
        } catch (SQLException e) {
            close();
        }
    }
}
