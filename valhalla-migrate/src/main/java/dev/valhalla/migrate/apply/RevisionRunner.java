package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs one section of a revision on the run's connection and records it in the history.
 *
 * <p>A transactional revision runs in one transaction together with its history row. On failure the
 * transaction is rolled back and nothing else is sent on it: a statement on an aborted transaction only
 * yields "current transaction is aborted", which would hide the real error.
 *
 * <p>A non-transactional revision runs statement by statement in autocommit, recording progress after each
 * one, so a rerun resumes at the first unfinished statement.
 */
final class RevisionRunner {

    private final Connection connection;
    private final HistoryStore history;
    private final MigrationListener listener;
    private final String appliedBy;

    RevisionRunner(Connection connection, HistoryStore history, MigrationListener listener, String appliedBy) {
        this.connection = connection;
        this.history = history;
        this.listener = listener;
        this.appliedBy = appliedBy;
    }

    /** Runs the section for {@code direction}; returns how long its statements took. */
    Duration run(Revision revision, Direction direction) throws SQLException {
        listener.revisionStarted(revision, direction);
        List<SqlStatement> statements = direction == Direction.UPGRADE ? revision.upgrade() : revision.downgrade();
        Duration elapsed = revision.transactional()
                ? runInTransaction(revision, direction, statements)
                : runStatementByStatement(revision, direction, statements);
        listener.revisionCompleted(revision, direction, elapsed);
        return elapsed;
    }

    private Duration runInTransaction(Revision revision, Direction direction, List<SqlStatement> statements)
            throws SQLException {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        int line = 0;
        try (Statement statement = connection.createStatement()) {
            setTimeouts(statement, revision, "SET LOCAL ");
            for (int index = 0; index < statements.size(); index++) {
                SqlStatement sql = statements.get(index);
                line = sql.line();
                statement.execute(sql.sql());
                listener.statementCompleted(revision, index + 1, statements.size());
            }
            line = 0;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            record(revision, direction, elapsed);
            connection.commit();
            return elapsed;
        } catch (SQLException e) {
            rollbackAfter(e);
            throw new MigrationFailedException(revision.id(), revision.file(), line, e);
        } catch (RuntimeException e) {
            rollbackAfter(e);
            throw e;
        }
    }

    private Duration runStatementByStatement(Revision revision, Direction direction, List<SqlStatement> statements)
            throws SQLException {
        connection.setAutoCommit(true);
        String key = progressKey(revision.id(), direction);
        OptionalInt recorded = history.progress(key);
        int done = recorded.orElse(0);
        if (recorded.isEmpty()) {
            history.saveProgress(key, 0, statements.size());
        }
        long start = System.nanoTime();
        int line = 0;
        try (Statement statement = connection.createStatement()) {
            setTimeouts(statement, revision, "SET ");
            for (int index = done; index < statements.size(); index++) {
                SqlStatement sql = statements.get(index);
                line = sql.line();
                if (index == done && recorded.isPresent()) {
                    LeftoverIndexes.dropInvalid(connection, sql.sql());
                }
                statement.execute(sql.sql());
                history.saveProgress(key, index + 1, statements.size());
                listener.statementCompleted(revision, index + 1, statements.size());
            }
            line = 0;
            resetTimeouts(statement, revision);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            finish(revision, direction, key, elapsed);
            return elapsed;
        } catch (SQLException e) {
            throw new MigrationFailedException(revision.id(), revision.file(), line, e);
        }
    }

    /** Records the history row and drops the progress row in one small transaction. */
    private void finish(Revision revision, Direction direction, String key, Duration elapsed) throws SQLException {
        connection.setAutoCommit(false);
        try {
            record(revision, direction, elapsed);
            history.deleteProgress(key);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackAfter(e);
            throw e;
        }
    }

    private void record(Revision revision, Direction direction, Duration elapsed) throws SQLException {
        if (direction == Direction.UPGRADE) {
            history.insert(revision, appliedBy, elapsed.toMillis());
        } else {
            history.delete(revision.id());
        }
    }

    /** Upgrade and downgrade progress of one revision are kept apart: a rerun must resume the same direction. */
    static String progressKey(String revisionId, Direction direction) {
        return direction == Direction.UPGRADE ? revisionId : "downgrade:" + revisionId;
    }

    private static void setTimeouts(Statement statement, Revision revision, String set) throws SQLException {
        if (revision.lockTimeout().isPresent()) {
            statement.execute(set + "lock_timeout = '" + revision.lockTimeout().get().toMillis() + "ms'");
        }
        if (revision.statementTimeout().isPresent()) {
            statement.execute(set + "statement_timeout = '" + revision.statementTimeout().get().toMillis() + "ms'");
        }
    }

    private static void resetTimeouts(Statement statement, Revision revision) throws SQLException {
        if (revision.lockTimeout().isPresent()) {
            statement.execute("RESET lock_timeout");
        }
        if (revision.statementTimeout().isPresent()) {
            statement.execute("RESET statement_timeout");
        }
    }

    /** Rolls back and nothing more; a failing rollback is kept with the original error rather than replacing it. */
    private void rollbackAfter(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
