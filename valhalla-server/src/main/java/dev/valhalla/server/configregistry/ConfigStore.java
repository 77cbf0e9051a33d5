package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The SQL of the registry: {@code config_entry} (current values) and {@code config_version} (history). */
final class ConfigStore {

    private static final String ENTRY_COLUMNS = "namespace, key, type, value::text AS value, version, description, updated_by, updated_at";

    /** Converts between jsonb text and trees; decimals keep their precision. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Handle handle;

    ConfigStore(Handle handle) {
        this.handle = handle;
    }

    /** Every live key, ordered by namespace and key. */
    List<ConfigEntry> all() {
        return handle.createQuery("SELECT " + ENTRY_COLUMNS + " FROM config_entry ORDER BY namespace, key")
                .map(this::entry)
                .list();
    }

    /** The live keys of one namespace, ordered by key. */
    List<ConfigEntry> namespace(String namespace) {
        return handle.createQuery("SELECT " + ENTRY_COLUMNS + " FROM config_entry WHERE namespace = :namespace ORDER BY key")
                .bind("namespace", namespace)
                .map(this::entry)
                .list();
    }

    /** The current value of a key. */
    Optional<ConfigEntry> find(ConfigKey name) {
        return handle.createQuery("SELECT " + ENTRY_COLUMNS + " FROM config_entry WHERE namespace = :namespace AND key = :key")
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .map(this::entry)
                .findOne();
    }

    /** The current value of a key, locked until the transaction ends so writers of one key take turns. */
    Optional<ConfigEntry> lock(ConfigKey name) {
        return handle.createQuery("SELECT " + ENTRY_COLUMNS + " FROM config_entry WHERE namespace = :namespace AND key = :key FOR UPDATE")
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .map(this::entry)
                .findOne();
    }

    /** The highest version ever written of a key, deleted or not. */
    OptionalLong lastVersion(ConfigKey name) {
        Long last = handle.createQuery("SELECT max(version) FROM config_version WHERE namespace = :namespace AND key = :key")
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .mapTo(Long.class)
                .one();
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /**
     * Inserts a new live key and returns it as stored (jsonb orders object fields its own way); empty when
     * it exists (a concurrent creator won: the insert waits for that transaction and then does nothing).
     */
    Optional<ConfigEntry> insert(ConfigEntry entry) {
        return handle.createQuery("""
                        INSERT INTO config_entry (namespace, key, type, value, version, description, updated_by, updated_at)
                        VALUES (:namespace, :key, :type, CAST(:value AS jsonb), :version, :description, :updatedBy, :updatedAt)
                        ON CONFLICT (namespace, key) DO NOTHING
                        RETURNING""" + " " + ENTRY_COLUMNS)
                .bindMap(entryParameters(entry))
                .map(this::entry)
                .findOne();
    }

    /** Replaces the value of a live key (locked by {@link #lock}) and returns it as stored. */
    ConfigEntry update(ConfigEntry entry) {
        return handle.createQuery("""
                        UPDATE config_entry SET type = :type, value = CAST(:value AS jsonb), version = :version,
                               description = :description, updated_by = :updatedBy, updated_at = :updatedAt
                        WHERE namespace = :namespace AND key = :key
                        RETURNING""" + " " + ENTRY_COLUMNS)
                .bindMap(entryParameters(entry))
                .map(this::entry)
                .one();
    }

    /** Removes a live key; its history stays. */
    void delete(ConfigKey name) {
        handle.createUpdate("DELETE FROM config_entry WHERE namespace = :namespace AND key = :key")
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .execute();
    }

    /** Appends a version to the history of a key. */
    void append(ConfigKey name, ConfigVersion version) {
        handle.createUpdate("""
                        INSERT INTO config_version (namespace, key, version, action, type, value, description, changed_by,
                                                    changed_at, reason)
                        VALUES (:namespace, :key, :version, :action, :type, CAST(:value AS jsonb), :description, :changedBy,
                                :changedAt, :reason)
                        """)
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .bind("version", version.version())
                .bind("action", version.action())
                .bind("type", version.type())
                .bind("value", version.value() == null ? null : json(version.value()))
                .bind("description", version.description())
                .bind("changedBy", version.changedBy())
                .bind("changedAt", OffsetDateTime.ofInstant(version.changedAt(), ZoneOffset.UTC))
                .bind("reason", version.reason())
                .execute();
    }

    /** The history of a key, newest first, at most {@code limit} versions. */
    List<ConfigVersion> history(ConfigKey name, int limit) {
        return handle.createQuery("""
                        SELECT version, action, type, value::text AS value, description, changed_by, changed_at, reason
                        FROM config_version WHERE namespace = :namespace AND key = :key
                        ORDER BY version DESC LIMIT :limit
                        """)
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .bind("limit", limit)
                .map(this::version)
                .list();
    }

    /** One version of a key. */
    Optional<ConfigVersion> version(ConfigKey name, long version) {
        return handle.createQuery("""
                        SELECT version, action, type, value::text AS value, description, changed_by, changed_at, reason
                        FROM config_version WHERE namespace = :namespace AND key = :key AND version = :version
                        """)
                .bind("namespace", name.namespace())
                .bind("key", name.key())
                .bind("version", version)
                .map(this::version)
                .findOne();
    }

    private Map<String, Object> entryParameters(ConfigEntry entry) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("namespace", entry.namespace());
        parameters.put("key", entry.key());
        parameters.put("type", entry.type());
        parameters.put("value", json(entry.value()));
        parameters.put("version", entry.version());
        parameters.put("description", entry.description());
        parameters.put("updatedBy", entry.updatedBy());
        parameters.put("updatedAt", OffsetDateTime.ofInstant(entry.updatedAt(), ZoneOffset.UTC));
        return parameters;
    }

    private ConfigEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ConfigEntry(rs.getString("namespace"), rs.getString("key"), rs.getString("type"),
                parse(rs.getString("value")), rs.getLong("version"), rs.getString("description"),
                rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private ConfigVersion version(ResultSet rs, StatementContext ctx) throws SQLException {
        String value = rs.getString("value");
        return new ConfigVersion(rs.getLong("version"), rs.getString("action"), rs.getString("type"),
                value == null ? null : parse(value), rs.getString("description"), rs.getString("changed_by"),
                rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("reason"));
    }

    private String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config value stored by PostgreSQL as jsonb is not JSON", e);
        }
    }
}
