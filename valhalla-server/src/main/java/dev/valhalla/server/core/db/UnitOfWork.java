package dev.valhalla.server.core.db;

import org.jdbi.v3.core.Handle;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on one pooled connection. Opened by {@link Database}; {@link #handle()} is already
 * in a transaction. {@link #commit()} or {@link #rollback()} ends it; {@link #close()} always returns
 * the connection, and before it does, checks with the driver that the connection is not left inside a
 * transaction (open or aborted): if it is, it rolls back, counts it and logs it, so a failed request
 * can never poison the next one. Not thread-safe: one request thread owns it.
 */
public final class UnitOfWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);

    private final Handle handle;
    private final Database.Pool pool;
    private boolean closed;

    UnitOfWork(Handle handle, Database.Pool pool) {
        this.handle = handle;
        this.pool = pool;
    }

    /** The Jdbi handle on this unit's connection, inside its transaction. */
    public Handle handle() {
        return handle;
    }

    /** Commits the transaction. */
    public void commit() {
        handle.commit();
    }

    /** Rolls the transaction back. */
    public void rollback() {
        handle.rollback();
    }

    /** Returns the connection to its pool, rolling back whatever is still open. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (handle.isInTransaction() || insideTransaction(handle.getConnection())) {
                pool.countRollbackAtClose();
                LOG.warn("Unit of work on pool '{}' closed inside a transaction; rolled back", pool.name());
                Connection connection = handle.getConnection();
                if (handle.isInTransaction()) {
                    handle.rollback();
                } else {
                    connection.rollback();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the connection is broken (e.g. the database went away); HikariCP evicts it on close
            LOG.warn("Could not roll back on pool '{}' before returning the connection: {}", pool.name(), e.toString());
        } finally {
            pool.released(this);
            handle.close();
        }
    }

    private static boolean insideTransaction(Connection connection) throws SQLException {
        if (connection.isClosed()) {
            return false;
        }
        if (connection.isWrapperFor(BaseConnection.class)) {
            TransactionState state = connection.unwrap(BaseConnection.class).getTransactionState();
            return state != TransactionState.IDLE;
        }
        return !connection.getAutoCommit();
    }
}
