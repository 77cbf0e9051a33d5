package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.revision.Revision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * SQL of the history tables: {@code revision_history} (one row per applied revision) and
 * {@code revision_progress} (statements done of a non-transactional revision that has not finished).
 * Works on the caller's connection and never commits: the caller decides the transaction.
 */
final class HistoryStore {

    private final Connection connection;
    private final String history;
    private final String progress;
    private final String schema;

    /** @param schema an identifier already validated by {@link MigrateSettings} */
    HistoryStore(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
        this.history = "\"" + schema + "\".revision_history";
        this.progress = "\"" + schema + "\".revision_progress";
    }

    /** Creates the schema and tables if missing. Call while holding the migration lock (DDL races otherwise). */
    void create() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\";\n"
                    + "CREATE TABLE IF NOT EXISTS " + history + " (\n"
                    + "    revision_id text PRIMARY KEY,\n"
                    + "    parents text[] NOT NULL DEFAULT '{}',\n"
                    + "    message text,\n"
                    + "    checksum text NOT NULL,\n"
                    + "    applied_by text NOT NULL,\n"
                    + "    applied_at timestamptz NOT NULL DEFAULT now(),\n"
                    + "    duration_ms bigint NOT NULL,\n"
                    + "    apply_order bigserial\n"
                    + ");\n"
                    + "CREATE TABLE IF NOT EXISTS " + progress + " (\n"
                    + "    revision_id text PRIMARY KEY,\n"
                    + "    statements_done int NOT NULL,\n"
                    + "    total int NOT NULL,\n"
                    + "    updated_at timestamptz\n"
                    + ")");
        }
    }

    /** Whether the history table exists; lets read-only callers avoid creating anything. */
    boolean exists() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, history);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** Every applied revision, in the order applied. */
    List<HistoryEntry> read() throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT revision_id, checksum, applied_by, applied_at, duration_ms FROM " + history
                             + " ORDER BY apply_order")) {
            while (rows.next()) {
                entries.add(new HistoryEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant(), rows.getLong(5)));
            }
        }
        return entries;
    }

    void insert(Revision revision, String appliedBy, long durationMillis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + history
                + " (revision_id, parents, message, checksum, applied_by, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, revision.id());
            statement.setArray(2, connection.createArrayOf("text", revision.parents().toArray()));
            statement.setString(3, revision.message());
            statement.setString(4, revision.checksum());
            statement.setString(5, appliedBy);
            statement.setLong(6, durationMillis);
            statement.executeUpdate();
        }
    }

    void delete(String revisionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + history + " WHERE revision_id = ?")) {
            statement.setString(1, revisionId);
            statement.executeUpdate();
        }
    }

    /** Statements done of an unfinished non-transactional run, or empty when none was recorded. */
    OptionalInt progress(String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT statements_done FROM " + progress + " WHERE revision_id = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? OptionalInt.of(rows.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    void saveProgress(String key, int done, int total) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + progress
                + " (revision_id, statements_done, total, updated_at) VALUES (?, ?, ?, now())"
                + " ON CONFLICT (revision_id) DO UPDATE SET statements_done = excluded.statements_done,"
                + " total = excluded.total, updated_at = excluded.updated_at")) {
            statement.setString(1, key);
            statement.setInt(2, done);
            statement.setInt(3, total);
            statement.executeUpdate();
        }
    }

    /** Forgets any unfinished progress of a revision, in either direction. */
    void clearProgress(String revisionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + progress + " WHERE revision_id IN (?, ?)")) {
            statement.setString(1, RevisionRunner.progressKey(revisionId, Direction.UPGRADE));
            statement.setString(2, RevisionRunner.progressKey(revisionId, Direction.DOWNGRADE));
            statement.executeUpdate();
        }
    }

    void deleteProgress(String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + progress + " WHERE revision_id = ?")) {
            statement.setString(1, key);
            statement.executeUpdate();
        }
    }
}
