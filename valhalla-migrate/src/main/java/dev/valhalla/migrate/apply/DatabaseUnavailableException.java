package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;

/**
 * The database could not be reached or refused the login: nothing was read or applied. The message names the
 * URL without its password, and the cause. Exit code 2.
 */
public final class DatabaseUnavailableException extends MigrateException {

    private final String url;

    /**
     * @param url   where the connection was attempted, already stripped of any password
     * @param cause the driver's error
     */
    public DatabaseUnavailableException(String url, Throwable cause) {
        super("cannot connect to " + url + ": " + cause.getMessage(), EXIT_BAD_INPUT, cause);
        this.url = url;
    }

    /** The JDBC URL with any password removed. */
    public String url() {
        return url;
    }
}
