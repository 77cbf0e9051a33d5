package dev.valhalla.migrate.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The session-level advisory lock that serializes deployers of one database. Session-level, not
 * transaction-level, because a run spans many transactions; PostgreSQL releases it when the session ends,
 * so a killed deployer never leaves it behind.
 */
final class AdvisoryLock {

    /** "valmigra" in ASCII; both 32-bit halves positive so they compare simply with pg_locks' oid columns. */
    static final long KEY = 0x76616C6D69677261L;

    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 250;

    private AdvisoryLock() {
    }

    /** Tries until acquired or {@code wait} has elapsed; then fails naming the holder. */
    static void acquire(Connection connection, Duration wait) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        try (Statement statement = connection.createStatement()) {
            while (!tryLock(statement)) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new MigrationLockTimeoutException(wait, holder(connection));
                }
                pauseFor(Math.min(pause, remainingMillis));
                pause = Math.min(pause + 50, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    static void release(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
        }
    }

    private static boolean tryLock(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static void pauseFor(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationLockTimeoutException(Duration.ofMillis(millis), "(wait interrupted)");
        }
    }

    /** Describes the session holding the lock, as far as pg_stat_activity shows it to this user. */
    static String holder(Connection connection) throws SQLException {
        // a bigint advisory key appears in pg_locks as classid = high half, objid = low half, objsubid = 1
        String sql = "SELECT a.pid, a.application_name, a.usename, a.client_addr, a.backend_start"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY >>> 32);
            statement.setLong(2, KEY & 0xFFFFFFFFL);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return "a session no longer visible (it may just have released the lock)";
                }
                return "pid " + rows.getInt(1) + " (application '" + rows.getString(2) + "', user "
                        + rows.getString(3) + ", client " + rows.getString(4) + ", connected since "
                        + rows.getTimestamp(5).toInstant() + ")";
            }
        }
    }
}
