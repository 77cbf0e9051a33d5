package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.MigrateException;

import java.nio.file.Path;

/** The versions folder itself cannot be read (absent, not a folder, I/O error). Exit code 2. */
public final class AlembicReadException extends MigrateException {

    /** The folder and what went wrong with it. */
    public AlembicReadException(Path folder, String problem, Throwable cause) {
        super("cannot read Alembic versions folder " + folder + ": " + problem, EXIT_BAD_INPUT, cause);
    }
}
