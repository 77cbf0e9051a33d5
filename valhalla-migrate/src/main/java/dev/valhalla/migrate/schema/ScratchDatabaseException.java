package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.MigrateException;

/**
 * A throw-away database could not be created or dropped: the server is unreachable, or the user lacks the
 * {@code CREATEDB} privilege. Exit code 2.
 */
public final class ScratchDatabaseException extends MigrateException {

    public ScratchDatabaseException(String message, Throwable cause) {
        super(message, EXIT_BAD_INPUT, cause);
    }
}
