package dev.valhalla.server.maintenance;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** SQL of the maintenance state and windows, on the caller's handle (and so its transaction). */
final class MaintenanceStore {

    private static final String WINDOW_COLUMNS =
            "id, state, starts_at, ends_at, reason, created_by, created_at, began_at, ended_at";
    private static final RowMapper<MaintenanceWindow> WINDOW = (rs, ctx) -> new MaintenanceWindow(rs.getLong("id"),
            MaintenanceState.parse(rs.getString("state")).orElseThrow(), instant(rs, "starts_at"), instant(rs, "ends_at"),
            rs.getString("reason"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "began_at"),
            instant(rs, "ended_at"));
    private static final RowMapper<ConfiguredState> CONFIGURED = (rs, ctx) -> new ConfiguredState(
            MaintenanceState.parse(rs.getString("state")).orElseThrow(), rs.getBoolean("frozen"), rs.getString("reason"),
            instant(rs, "expected_end"), rs.getString("updated_by"), instant(rs, "updated_at"));

    private final Handle handle;

    MaintenanceStore(Handle handle) {
        this.handle = handle;
    }

    ConfiguredState configured() {
        return handle.createQuery("SELECT * FROM maintenance_state WHERE id = 1").map(CONFIGURED).one();
    }

    /** The manual state, locked until the transaction ends (writers of the state serialize here). */
    ConfiguredState lockConfigured() {
        return handle.createQuery("SELECT * FROM maintenance_state WHERE id = 1 FOR UPDATE").map(CONFIGURED).one();
    }

    /**
     * Whether configuration is frozen, read under a share lock so a configuration change and a concurrent
     * freeze cannot both commit as if the other had not happened.
     */
    boolean frozenForShare() {
        return handle.createQuery("SELECT frozen FROM maintenance_state WHERE id = 1 FOR SHARE").mapTo(Boolean.class).one();
    }

    ConfiguredState updateConfigured(ConfiguredState state) {
        return handle.createQuery("""
                        UPDATE maintenance_state
                           SET state = :state, frozen = :frozen, reason = :reason, expected_end = :expectedEnd,
                               updated_by = :updatedBy, updated_at = :updatedAt
                         WHERE id = 1
                        RETURNING *
                        """)
                .bind("state", state.state().wire())
                .bind("frozen", state.frozen())
                .bind("reason", state.reason())
                .bind("expectedEnd", timestamp(state.expectedEnd()))
                .bind("updatedBy", state.updatedBy())
                .bind("updatedAt", timestamp(state.updatedAt()))
                .map(CONFIGURED)
                .one();
    }

    /** Windows not yet recorded as ended, the ones the shield needs, by start. */
    List<MaintenanceWindow> openWindows() {
        return handle.createQuery("SELECT " + WINDOW_COLUMNS + " FROM maintenance_window WHERE ended_at IS NULL ORDER BY starts_at, id")
                .map(WINDOW).list();
    }

    /** The most recent windows first. */
    List<MaintenanceWindow> windows(int limit) {
        return handle.createQuery("SELECT " + WINDOW_COLUMNS + " FROM maintenance_window ORDER BY starts_at DESC, id DESC LIMIT :limit")
                .bind("limit", limit).map(WINDOW).list();
    }

    Optional<MaintenanceWindow> window(long id) {
        return handle.createQuery("SELECT " + WINDOW_COLUMNS + " FROM maintenance_window WHERE id = :id")
                .bind("id", id).map(WINDOW).findOne();
    }

    Optional<MaintenanceWindow> lockWindow(long id) {
        return handle.createQuery("SELECT " + WINDOW_COLUMNS + " FROM maintenance_window WHERE id = :id FOR UPDATE")
                .bind("id", id).map(WINDOW).findOne();
    }

    MaintenanceWindow insertWindow(MaintenanceRequests.Window request, String createdBy, Instant now) {
        return handle.createQuery("""
                        INSERT INTO maintenance_window (state, starts_at, ends_at, reason, created_by, created_at)
                        VALUES (:state, :startsAt, :endsAt, :reason, :createdBy, :createdAt)
                        RETURNING\s""" + WINDOW_COLUMNS)
                .bind("state", request.state())
                .bind("startsAt", timestamp(request.startsAt()))
                .bind("endsAt", timestamp(request.endsAt()))
                .bind("reason", request.reason())
                .bind("createdBy", createdBy)
                .bind("createdAt", timestamp(now))
                .map(WINDOW).one();
    }

    MaintenanceWindow updateWindow(long id, MaintenanceRequests.Window request) {
        return handle.createQuery("""
                        UPDATE maintenance_window
                           SET state = :state, starts_at = :startsAt, ends_at = :endsAt, reason = :reason,
                               began_at = NULL
                         WHERE id = :id
                        RETURNING\s""" + WINDOW_COLUMNS)
                .bind("id", id)
                .bind("state", request.state())
                .bind("startsAt", timestamp(request.startsAt()))
                .bind("endsAt", timestamp(request.endsAt()))
                .bind("reason", request.reason())
                .map(WINDOW).one();
    }

    void deleteWindow(long id) {
        handle.createUpdate("DELETE FROM maintenance_window WHERE id = :id").bind("id", id).execute();
    }

    /** Records the start of a window; empty when another instance (or an earlier tick) already did. */
    Optional<MaintenanceWindow> claimBegin(long id, Instant at) {
        return handle.createQuery("UPDATE maintenance_window SET began_at = :at WHERE id = :id AND began_at IS NULL"
                        + " AND ended_at IS NULL RETURNING " + WINDOW_COLUMNS)
                .bind("id", id).bind("at", timestamp(at)).map(WINDOW).findOne();
    }

    /** Records the end of a window; empty when another instance (or an earlier tick) already did. */
    Optional<MaintenanceWindow> claimEnd(long id, Instant at) {
        return handle.createQuery("UPDATE maintenance_window SET ended_at = :at, began_at = COALESCE(began_at, :at)"
                        + " WHERE id = :id AND ended_at IS NULL RETURNING " + WINDOW_COLUMNS)
                .bind("id", id).bind("at", timestamp(at)).map(WINDOW).findOne();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
