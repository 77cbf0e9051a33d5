package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.revision.Revision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rewrites the history to a wanted set of revisions in one transaction, running none of their SQL. */
final class Stamper {

    private final Connection connection;
    private final HistoryStore store;
    private final String appliedBy;

    Stamper(Connection connection, HistoryStore store, String appliedBy) {
        this.connection = connection;
        this.store = store;
        this.appliedBy = appliedBy;
    }

    /**
     * @param wanted  revisions the history must hold afterwards, parents before children
     * @param history the history read at the start of the run
     */
    RunResult stamp(List<Revision> wanted, List<HistoryEntry> history) throws SQLException {
        Set<String> wantedIds = new HashSet<>();
        wanted.forEach(revision -> wantedIds.add(revision.id()));
        Set<String> applied = MigrationPlanner.ids(history);
        List<RevisionRun> changes = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            for (HistoryEntry entry : history.reversed()) {
                if (!wantedIds.contains(entry.id())) {
                    store.delete(entry.id());
                    store.clearProgress(entry.id());
                    changes.add(new RevisionRun(entry.id(), Direction.DOWNGRADE, Duration.ZERO));
                }
            }
            for (Revision revision : wanted) {
                if (!applied.contains(revision.id())) {
                    store.insert(revision, appliedBy, 0);
                    // a half-done non-transactional run is void once the revision counts as applied
                    store.clearProgress(revision.id());
                    changes.add(new RevisionRun(revision.id(), Direction.UPGRADE, Duration.ZERO));
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        return new RunResult(changes, true);
    }
}
