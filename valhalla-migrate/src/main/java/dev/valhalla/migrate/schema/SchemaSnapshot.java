package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.apply.MigrateSettings;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The schema of a database: every object of its user schemas, sorted by kind and name, so that two snapshots
 * are equal when the schemas are, whatever the OIDs and the order the objects were created in. System schemas
 * ({@code pg_catalog}, {@code information_schema}, {@code pg_toast*}, {@code pg_temp*}) and the migration
 * history schema are left out; objects that belong to an extension are represented by the extension alone.
 * Column order is not part of the snapshot: a column added last by one path and first by another compares equal.
 *
 * @param objects the objects, sorted by kind, then name; names are unique per kind
 */
public record SchemaSnapshot(List<SchemaObject> objects) {

    public SchemaSnapshot {
        objects = objects.stream().sorted().toList();
    }

    /**
     * Reads the schema of the database {@code connection} is connected to, leaving out the default history schema
     * {@value MigrateSettings#DEFAULT_HISTORY_SCHEMA}. Runs one catalog query per kind of object.
     *
     * @throws SchemaCaptureException when the catalog cannot be read
     */
    public static SchemaSnapshot capture(Connection connection) {
        return capture(connection, Set.of(MigrateSettings.DEFAULT_HISTORY_SCHEMA));
    }

    /**
     * Reads the schema of the database {@code connection} is connected to, leaving out {@code excludedSchemas}
     * besides the system schemas. The connection's {@code search_path} is restored afterwards.
     *
     * @throws SchemaCaptureException when the catalog cannot be read
     */
    public static SchemaSnapshot capture(Connection connection, Set<String> excludedSchemas) {
        try {
            String searchPath = setSearchPath(connection, "pg_catalog");
            try {
                return new SchemaSnapshot(readObjects(connection, excludedSchemas));
            } finally {
                setSearchPath(connection, searchPath);
            }
        } catch (SQLException e) {
            throw new SchemaCaptureException("cannot read the schema from the catalog: " + e.getMessage(), e);
        }
    }

    /** A snapshot of the given objects; for building an expected schema by hand. */
    public static SchemaSnapshot of(Collection<SchemaObject> objects) {
        return new SchemaSnapshot(List.copyOf(objects));
    }

    /** The object of that kind and name, if the schema has it. */
    public Optional<SchemaObject> find(String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
    }

    /** The objects by {@link SchemaObject#key()}, in snapshot order. */
    public Map<String, SchemaObject> byKey() {
        Map<String, SchemaObject> result = new LinkedHashMap<>();
        objects.forEach(object -> result.put(object.key(), object));
        return result;
    }

    /** One line per object, such as {@code column public.users.email: text NOT NULL}. */
    public List<String> lines() {
        return objects.stream().map(SchemaObject::toString).toList();
    }

    /** The lines joined with newlines. */
    public String text() {
        return lines().stream().collect(Collectors.joining("\n"));
    }

    private static List<SchemaObject> readObjects(Connection connection, Set<String> excludedSchemas)
            throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        Array excluded = connection.createArrayOf("text", excludedSchemas.toArray());
        try {
            for (String query : CatalogQueries.ALL) {
                try (PreparedStatement statement = connection.prepareStatement(query)) {
                    statement.setArray(1, excluded);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            objects.add(new SchemaObject(rows.getString(1), rows.getString(2), rows.getString(3)));
                        }
                    }
                }
            }
        } finally {
            excluded.free();
        }
        return objects;
    }

    /** Sets the session's search path and returns the one it replaced. */
    private static String setSearchPath(Connection connection, String searchPath) throws SQLException {
        String previous;
        try (PreparedStatement read = connection.prepareStatement("SELECT current_setting('search_path')");
             ResultSet row = read.executeQuery()) {
            row.next();
            previous = row.getString(1);
        }
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            set.setString(1, searchPath);
            set.execute();
        }
        return previous;
    }
}
