package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;

import java.sql.SQLException;

/**
 * Reading or writing the history tables, or taking the migration lock, failed for a reason other than a
 * revision's own statement (for example missing privileges on the history schema). Exit code 1.
 */
public final class HistoryAccessException extends MigrateException {

    HistoryAccessException(String action, SQLException cause) {
        super("cannot " + action + ": SQLSTATE " + cause.getSQLState() + ": " + ServerMessages.describe(cause),
                EXIT_FAILED, cause);
    }
}
