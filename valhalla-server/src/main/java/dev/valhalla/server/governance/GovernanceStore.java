package dev.valhalla.server.governance;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** SQL of the governance tables; both hold exactly one row, id 1. Not thread-safe: one per handle. */
final class GovernanceStore {

    private static final RowMapper<GoLiveState> GO_LIVE = (rs, ctx) -> new GoLiveState(
            rs.getBoolean("go_live_enabled"), rs.getBoolean("kill_switch_engaged"), rs.getString("changed_by"),
            rs.getString("reason"), instant(rs.getTimestamp("updated_at")));
    private static final RowMapper<SystemMetadata> METADATA = (rs, ctx) -> new SystemMetadata(
            rs.getString("version"), rs.getBoolean("backend_complete"), rs.getString("notes"),
            instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("completed_at")));

    private final Handle handle;

    GovernanceStore(Handle handle) {
        this.handle = handle;
    }

    /** Inserts the default rows unless present; returns how many were inserted. */
    int seed() {
        return handle.createUpdate("INSERT INTO system_metadata (id) VALUES (1) ON CONFLICT (id) DO NOTHING").execute()
                + handle.createUpdate("INSERT INTO go_live_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING").execute();
    }

    Optional<GoLiveState> goLive() {
        return handle.createQuery("SELECT * FROM go_live_state WHERE id = 1").map(GO_LIVE).findOne();
    }

    /** Row 1, locked until the transaction ends so concurrent changes serialize. */
    GoLiveState lockGoLive() {
        return handle.createQuery("SELECT * FROM go_live_state WHERE id = 1 FOR UPDATE").map(GO_LIVE).one();
    }

    GoLiveState setGoLive(boolean enabled, String actor, String reason) {
        return handle.createQuery("""
                        UPDATE go_live_state SET go_live_enabled = :value, changed_by = :actor, reason = :reason,
                               updated_at = clock_timestamp()
                        WHERE id = 1 RETURNING *""")
                .bind("value", enabled).bind("actor", actor).bind("reason", reason).map(GO_LIVE).one();
    }

    GoLiveState setKillSwitch(boolean engaged, String actor, String reason) {
        return handle.createQuery("""
                        UPDATE go_live_state SET kill_switch_engaged = :value, changed_by = :actor, reason = :reason,
                               updated_at = clock_timestamp()
                        WHERE id = 1 RETURNING *""")
                .bind("value", engaged).bind("actor", actor).bind("reason", reason).map(GO_LIVE).one();
    }

    Optional<SystemMetadata> metadata() {
        return handle.createQuery("SELECT * FROM system_metadata WHERE id = 1").map(METADATA).findOne();
    }

    SystemMetadata lockMetadata() {
        return handle.createQuery("SELECT * FROM system_metadata WHERE id = 1 FOR UPDATE").map(METADATA).one();
    }

    /** Replaces the metadata; {@code completed_at} is set when completion turns true and cleared when false. */
    SystemMetadata updateMetadata(String version, boolean backendComplete, String notes) {
        return handle.createQuery("""
                        UPDATE system_metadata SET version = :version, notes = :notes,
                               completed_at = CASE WHEN NOT :complete THEN NULL
                                                   WHEN backend_complete THEN completed_at
                                                   ELSE clock_timestamp() END,
                               backend_complete = :complete, updated_at = clock_timestamp()
                        WHERE id = 1 RETURNING *""")
                .bind("version", version).bind("notes", notes).bind("complete", backendComplete).map(METADATA).one();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
