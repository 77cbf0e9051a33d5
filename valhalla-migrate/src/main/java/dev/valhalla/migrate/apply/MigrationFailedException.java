package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A statement of a revision failed. For a transactional revision the whole revision was rolled back; for a
 * non-transactional one the statements before the failing one stay done and a rerun resumes at it.
 * Revisions applied earlier in the same run stay applied. Exit code 1.
 *
 * <p>The message reads {@code revision R failed at FILE:LINE: SQLSTATE S: server message}.
 */
public final class MigrationFailedException extends MigrateException {

    private final String revision;
    private final Path file;
    private final int line;
    private final String sqlState;
    private final String serverMessage;

    MigrationFailedException(String revision, Path file, int line, SQLException cause) {
        this(revision, file, line, cause.getSQLState(), ServerMessages.describe(cause), cause);
    }

    private MigrationFailedException(
            String revision, Path file, int line, String sqlState, String serverMessage, SQLException cause) {
        super("revision " + revision + " failed at " + file + ":" + line + ": SQLSTATE " + sqlState + ": "
                + serverMessage, EXIT_FAILED, cause);
        this.revision = revision;
        this.file = file;
        this.line = line;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
    }

    /** Id of the revision that failed. */
    public String revision() {
        return revision;
    }

    /** The revision's file. */
    public Path file() {
        return file;
    }

    /** 1-based line of the failing statement in the file; 0 when recording the history failed. */
    public int line() {
        return line;
    }

    /** The SQLSTATE the server reported, e.g. {@code 42P01}. */
    public String sqlState() {
        return sqlState;
    }

    /** The server's message, with its detail, hint and position when given. */
    public String serverMessage() {
        return serverMessage;
    }
}
