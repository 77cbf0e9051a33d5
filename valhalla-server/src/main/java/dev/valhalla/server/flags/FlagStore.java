package dev.valhalla.server.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * SQL of flag and segment definitions. Definitions are stored as the client-features JSON the engine
 * reads (one JSONB per flag and per segment). Writers take {@link #lock()} first, so validation
 * against the current flags and the write see the same state.
 */
final class FlagStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLAG_COLUMNS =
            "name, version, archived_at, created_at, updated_at, updated_by, definition::text AS definition";

    private final Handle handle;

    FlagStore(Handle handle) {
        this.handle = handle;
    }

    /** Serializes flag writers until the transaction ends (validation reads, then writes). */
    void lock() {
        handle.createQuery("SELECT pg_advisory_xact_lock(hashtext('valhalla.flags'))::text").mapTo(String.class).one();
    }

    /** Every flag in creation order; archived ones only when asked. */
    List<StoredFlag> flags(boolean includeArchived) {
        return handle.createQuery("SELECT " + FLAG_COLUMNS + " FROM flag"
                        + (includeArchived ? "" : " WHERE archived_at IS NULL") + " ORDER BY position")
                .map((rs, ctx) -> flag(rs)).list();
    }

    Optional<StoredFlag> flag(String name) {
        return handle.createQuery("SELECT " + FLAG_COLUMNS + " FROM flag WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> flag(rs)).findOne();
    }

    /** Creates the flag, or revives an archived one of that name with the new definition. */
    StoredFlag create(String name, JsonNode definition, String actor, Instant now) {
        return handle.createQuery("""
                        INSERT INTO flag (name, definition, version, created_at, updated_at, updated_by)
                        VALUES (:name, CAST(:definition AS jsonb), 1, :now, :now, :actor)
                        ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, version = flag.version + 1,
                            archived_at = NULL, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                        RETURNING\s""" + FLAG_COLUMNS)
                .bind("name", name).bind("definition", definition.toString()).bind("now", at(now)).bind("actor", actor)
                .map((rs, ctx) -> flag(rs)).one();
    }

    StoredFlag update(String name, JsonNode definition, String actor, Instant now) {
        return handle.createQuery("""
                        UPDATE flag SET definition = CAST(:definition AS jsonb), version = version + 1, updated_at = :now,
                            updated_by = :actor
                        WHERE name = :name RETURNING\s""" + FLAG_COLUMNS)
                .bind("name", name).bind("definition", definition.toString()).bind("now", at(now)).bind("actor", actor)
                .map((rs, ctx) -> flag(rs)).one();
    }

    StoredFlag archive(String name, String actor, Instant now) {
        return handle.createQuery("""
                        UPDATE flag SET archived_at = :now, version = version + 1, updated_at = :now, updated_by = :actor
                        WHERE name = :name RETURNING\s""" + FLAG_COLUMNS)
                .bind("name", name).bind("now", at(now)).bind("actor", actor)
                .map((rs, ctx) -> flag(rs)).one();
    }

    List<StoredSegment> segments() {
        return handle.createQuery("SELECT id, version, updated_at, updated_by, definition::text AS definition "
                + "FROM flag_segment ORDER BY id").map((rs, ctx) -> segment(rs)).list();
    }

    Optional<StoredSegment> segment(int id) {
        return handle.createQuery("SELECT id, version, updated_at, updated_by, definition::text AS definition "
                + "FROM flag_segment WHERE id = :id").bind("id", id).map((rs, ctx) -> segment(rs)).findOne();
    }

    /** The id a new segment gets when none is given (callers hold {@link #lock()}). */
    int nextSegmentId() {
        return handle.createQuery("SELECT coalesce(max(id), 0) + 1 FROM flag_segment").mapTo(Integer.class).one();
    }

    StoredSegment putSegment(int id, JsonNode definition, String actor, Instant now) {
        return handle.createQuery("""
                        INSERT INTO flag_segment (id, definition, version, updated_at, updated_by)
                        VALUES (:id, CAST(:definition AS jsonb), 1, :now, :actor)
                        ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition,
                            version = flag_segment.version + 1, updated_at = EXCLUDED.updated_at,
                            updated_by = EXCLUDED.updated_by
                        RETURNING id, version, updated_at, updated_by, definition::text AS definition""")
                .bind("id", id).bind("definition", definition.toString()).bind("now", at(now)).bind("actor", actor)
                .map((rs, ctx) -> segment(rs)).one();
    }

    void deleteSegment(int id) {
        handle.createUpdate("DELETE FROM flag_segment WHERE id = :id").bind("id", id).execute();
    }

    private static StoredFlag flag(ResultSet rs) throws SQLException {
        Instant archivedAt = instant(rs, "archived_at");
        return new StoredFlag(rs.getString("name"), rs.getLong("version"), archivedAt != null, archivedAt,
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("updated_by"),
                json(rs.getString("definition")));
    }

    private static StoredSegment segment(ResultSet rs) throws SQLException {
        return new StoredSegment(rs.getInt("id"), rs.getLong("version"), instant(rs, "updated_at"),
                rs.getString("updated_by"), json(rs.getString("definition")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored flag definition is not JSON", e);
        }
    }
}
