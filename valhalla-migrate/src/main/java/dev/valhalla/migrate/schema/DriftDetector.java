package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.migrate.apply.HistoryEntry;
import dev.valhalla.migrate.apply.MigrateSettings;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.MigrationStatus;
import dev.valhalla.migrate.apply.Migrator;
import dev.valhalla.migrate.graph.RevisionGraph;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Finds changes made to a live database outside the revisions: replays the revisions the live database has
 * applied on a scratch database of the same server, captures both schemas and compares them. The logic of
 * {@code valhalla db drift}. Reads the live database only.
 *
 * <p>Thread-safe: each {@link #detect} uses its own scratch database.
 */
public final class DriftDetector {

    private final String jdbcUrl;
    private final Properties properties;
    private final MigrateSettings settings;

    /**
     * @param jdbcUrl    URL of the live database; the scratch database is created on the same server
     * @param properties connection properties such as {@code user} and {@code password}; may be empty
     * @param settings   history schema (read for the applied revisions, left out of the comparison)
     */
    public DriftDetector(String jdbcUrl, Properties properties, MigrateSettings settings) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Compares the live schema with the schema {@code graph}'s revisions produce when the same revisions are
     * applied as on the live database (edited revisions are replayed as their files read now).
     *
     * @throws dev.valhalla.migrate.MigrateException when the live database cannot be read, the scratch database
     *         cannot be created, or a revision fails to apply on it
     */
    public DriftReport detect(RevisionGraph graph) {
        ConnectionSource live = ConnectionSource.of(jdbcUrl, properties);
        MigrationStatus status = new Migrator(live, graph, settings, MigrationListener.NONE).status();
        List<String> applied = status.applied().stream().map(HistoryEntry::id).toList();
        List<String> replayable = applied.stream().filter(graph::contains).toList();
        List<String> unknown = applied.stream().filter(id -> !graph.contains(id)).toList();
        try (ScratchDatabase scratch = ScratchDatabase.create(jdbcUrl, properties)) {
            Migrator replay = new Migrator(scratch.connectionSource(), graph, settings, MigrationListener.NONE);
            // one target at a time, in the live order: reaches exactly the live set, branches included
            replayable.forEach(replay::upgrade);
            SchemaSnapshot expected = capture(scratch.connectionSource(), scratch.name());
            SchemaSnapshot actual = capture(live, "the live database");
            return new DriftReport(replayable, unknown, SchemaDiff.between(expected, actual));
        }
    }

    private SchemaSnapshot capture(ConnectionSource source, String database) {
        try (Connection connection = source.open()) {
            return SchemaSnapshot.capture(connection, Set.of(settings.historySchema()));
        } catch (SQLException e) {
            throw new SchemaCaptureException("cannot read the schema of " + database + ": " + e.getMessage(), e);
        }
    }
}
