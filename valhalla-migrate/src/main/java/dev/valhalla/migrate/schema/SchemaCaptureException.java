package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.MigrateException;

/** The schema could not be read from the database's catalog. Exit code 2. */
public final class SchemaCaptureException extends MigrateException {

    public SchemaCaptureException(String message, Throwable cause) {
        super(message, EXIT_BAD_INPUT, cause);
    }
}
