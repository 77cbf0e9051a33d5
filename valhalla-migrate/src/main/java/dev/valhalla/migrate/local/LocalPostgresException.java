package dev.valhalla.migrate.local;

import dev.valhalla.migrate.MigrateException;

/** The local PostgreSQL server could not be started or reached; the message names the data folder. Exit code 2. */
public final class LocalPostgresException extends MigrateException {

    public LocalPostgresException(String message, Throwable cause) {
        super(message, EXIT_BAD_INPUT, cause);
    }
}
