package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.migrate.local.LocalPostgres;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The database a command works on: the one named by {@code --url}, or the embedded database in {@code ./data},
 * started for the command and stopped when this is closed (left running when another process had started it).
 */
final class DatabaseTarget implements AutoCloseable {

    /** The database used on the embedded server: it always exists, so a first run needs no set-up. */
    static final String LOCAL_DATABASE = "postgres";
    /** Seconds to wait for a TCP connection and for the login, so an unreachable server fails promptly. */
    private static final String CONNECT_TIMEOUT_SECONDS = "10";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

    private final String url;
    private final Properties properties;
    private final Runnable stop;

    private DatabaseTarget(String url, Properties properties, Runnable stop) {
        this.url = url;
        this.properties = properties;
        this.stop = stop;
    }

    /**
     * Resolves {@code --url}/{@code --user}/{@code --password}, starting the embedded server when no URL is given;
     * nothing is connected yet.
     */
    static DatabaseTarget open(CommonOptions options, PrintWriter err) {
        Properties properties = new Properties();
        if (options.user != null) {
            properties.setProperty("user", options.user);
        }
        if (options.password != null) {
            properties.setProperty("password", options.password);
        }
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
        if (options.url != null && !options.url.isBlank()) {
            return new DatabaseTarget(options.url, properties, () -> { });
        }
        err.println("no --url or VALHALLA_DATABASE_URL: using the embedded PostgreSQL in "
                + LocalPostgres.DEFAULT_DATA_DIRECTORY);
        err.flush();
        LocalPostgres local = LocalPostgres.start();
        return new DatabaseTarget(local.jdbcUrl(LOCAL_DATABASE), properties, local::close);
    }

    /** A fresh connection per call, as a {@link dev.valhalla.migrate.apply.Migrator} needs. */
    ConnectionSource source() {
        return ConnectionSource.of(url, properties);
    }

    /** The JDBC URL as given, password parameter included: for connecting, never for printing. */
    String url() {
        return url;
    }

    /** Connection properties (user, password, timeouts). */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The URL as it may be shown: any password parameter masked. */
    String shownUrl() {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    @Override
    public void close() {
        stop.run();
    }
}
