package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies, un-applies and stamps revisions on one PostgreSQL database, recording each in the history table.
 *
 * <p>Every run opens one connection, takes the session advisory lock on it (waiting at most
 * {@link MigrateSettings#lockWait()}), creates the history tables if missing, reads the history once, plans,
 * and runs. Concurrent runs against the same database, from threads or from other processes, therefore apply
 * each revision exactly once: the later run sees the revisions already applied. Each transactional revision
 * commits on its own, so a failure leaves the revisions before it applied.
 *
 * <p>Thread-safety: instances are immutable and may be shared; every call uses its own connection.
 */
public final class Migrator {

    /** The {@code application_name} of the migration session, visible in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "valhalla-migrate";

    private final ConnectionSource source;
    private final RevisionGraph graph;
    private final MigrateSettings settings;
    private final MigrationListener listener;
    private final MigrationPlanner planner;

    /**
     * @param source   opens the connection of each run
     * @param graph    the revision files, already checked
     * @param settings history schema, lock wait and the name recorded as {@code applied_by}
     * @param listener progress callbacks; {@link MigrationListener#NONE} for none
     */
    public Migrator(ConnectionSource source, RevisionGraph graph, MigrateSettings settings, MigrationListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.planner = new MigrationPlanner(graph);
    }

    /**
     * The database's state against the revision files. Reads only: takes no lock and creates nothing, so a
     * database never migrated reports every revision as pending.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    public MigrationStatus status() {
        try (Connection connection = open()) {
            connection.setAutoCommit(true);
            HistoryStore store = new HistoryStore(connection, settings.historySchema());
            return new StatusReport(graph).describe(store.exists() ? store.read() : List.of());
        } catch (SQLException e) {
            throw translate("read the migration history", e);
        }
    }

    /**
     * Applies the revisions not applied yet, parents before children.
     *
     * @param target {@code null} or {@code "heads"} for every revision; otherwise a revision id, whose
     *               not-applied ancestors (itself included) are applied
     * @throws MigrationPlanException         for an unknown target, before anything runs
     * @throws MigrationFailedException       when a statement fails; earlier revisions stay applied
     * @throws MigrationLockTimeoutException  when another deployer holds the lock longer than the wait
     * @throws DatabaseUnavailableException   when the database cannot be reached
     */
    public RunResult upgrade(String target) {
        if (MigrationPlanner.BASE.equals(target)) {
            throw new MigrationPlanException("upgrade to 'base' means nothing: use downgrade base");
        }
        planner.checkTarget(target, false);
        return underLock((connection, store, history) -> {
            List<Revision> plan = planner.upgrade(target, MigrationPlanner.ids(history));
            return run(connection, store, plan, Direction.UPGRADE);
        });
    }

    /**
     * Un-applies revisions by running their downgrade sections, children before parents.
     *
     * @param target a revision id (its applied descendants are un-applied, it stays applied), {@code "base"}
     *               (everything is un-applied) or {@code "-N"} (the last N applied, latest first)
     * @throws MigrationPlanException when the target is unknown, a revision to un-apply has no downgrade
     *                                section or no file, or {@code -N} would orphan an applied child; nothing runs
     * @throws MigrationFailedException      when a statement fails; revisions un-applied before it stay so
     * @throws MigrationLockTimeoutException when another deployer holds the lock longer than the wait
     */
    public RunResult downgrade(String target) {
        Objects.requireNonNull(target, "target");
        if (MigrationPlanner.HEADS.equals(target)) {
            throw new MigrationPlanException("downgrade to 'heads' means nothing: use a revision id, base or -N");
        }
        planner.checkTarget(target, true);
        return underLock((connection, store, history) -> {
            List<Revision> plan = planner.downgrade(target, history);
            return run(connection, store, plan, Direction.DOWNGRADE);
        });
    }

    /**
     * Sets the history to exactly the state {@code target} describes, without running any revision's SQL:
     * the ancestors of a revision id, every revision for {@code "heads"}, nothing for {@code "base"}. Added rows
     * take the file's checksum and a duration of 0. Runs in one transaction.
     *
     * @throws MigrationPlanException for an unknown target
     */
    public RunResult stamp(String target) {
        Objects.requireNonNull(target, "target");
        planner.checkTarget(target, false);
        return underLock((connection, store, history) -> {
            List<Revision> wanted = planner.stamp(target);
            return new Stamper(connection, store, settings.appliedBy()).stamp(wanted, history);
        });
    }

    private RunResult run(Connection connection, HistoryStore store, List<Revision> plan, Direction direction)
            throws SQLException {
        RevisionRunner runner = new RevisionRunner(connection, store, listener, settings.appliedBy());
        List<RevisionRun> runs = new ArrayList<>();
        for (Revision revision : plan) {
            Duration elapsed = runner.run(revision, direction);
            runs.add(new RevisionRun(revision.id(), direction, elapsed));
        }
        return new RunResult(runs, false);
    }

    @FunctionalInterface
    private interface LockedWork {
        RunResult run(Connection connection, HistoryStore store, List<HistoryEntry> history) throws SQLException;
    }

    private RunResult underLock(LockedWork work) {
        try (Connection connection = open()) {
            // a pooled connection may come with autocommit off; the lock must not sit in an open transaction
            connection.setAutoCommit(true);
            connection.setClientInfo("ApplicationName", APPLICATION_NAME);
            AdvisoryLock.acquire(connection, settings.lockWait());
            RunResult result;
            try {
                HistoryStore store = new HistoryStore(connection, settings.historySchema());
                store.create();
                result = work.run(connection, store, store.read());
            } catch (SQLException | RuntimeException e) {
                releaseAfter(connection, e);
                throw e;
            }
            connection.setAutoCommit(true);
            AdvisoryLock.release(connection);
            return result;
        } catch (SQLException e) {
            throw translate("migrate", e);
        }
    }

    /** Closing the session would release the lock anyway; an explicit unlock just frees it sooner. */
    private static void releaseAfter(Connection connection, Exception failure) {
        try {
            connection.setAutoCommit(true);
            AdvisoryLock.release(connection);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private Connection open() {
        try {
            return source.open();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("the configured database", e);
        }
    }

    private RuntimeException translate(String action, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("28"))) {
            return new DatabaseUnavailableException("the configured database", e);
        }
        return new HistoryAccessException(action + " (history schema " + settings.historySchema() + ")", e);
    }
}
