package dev.valhalla.server.keys;

import dev.valhalla.server.core.http.Scope;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The SQL of API clients and keys, on the request's handle. */
final class KeyStore {

    /** Serializes changes of key state so "the last active admin key" checks cannot race. */
    private static final long CHANGE_LOCK = 0x76685f6b657973L;
    private static final String KEY_COLUMNS = """
            k.id, k.client_id, k.name, k.scopes, k.created_at, k.created_by, k.expires_at, k.revoked_at,
            k.revoked_by, k.rotated_from, k.last_used_at""";
    private static final String ACTIVE = "k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > :now)";

    private final Handle handle;

    KeyStore(Handle handle) {
        this.handle = handle;
    }

    /** Takes the transaction-scoped lock on key state changes. */
    void lockChanges() {
        handle.createQuery("SELECT pg_advisory_xact_lock(:lock)::text").bind("lock", CHANGE_LOCK).mapTo(String.class).one();
    }

    boolean insertClient(String id, String description, Instant at, String by) {
        return handle.createUpdate("""
                        INSERT INTO api_client (id, description, created_at, created_by)
                        VALUES (:id, :description, :at, :by) ON CONFLICT (id) DO NOTHING""")
                .bind("id", id).bind("description", description).bind("at", time(at)).bind("by", by)
                .execute() == 1;
    }

    Optional<ApiClient> client(String id, Instant now) {
        return handle.createQuery(clientSelect() + " WHERE c.id = :id")
                .bind("id", id).bind("now", time(now))
                .map((rs, ctx) -> client(rs)).findOne();
    }

    List<ApiClient> clients(Instant now) {
        return handle.createQuery(clientSelect() + " ORDER BY c.id")
                .bind("now", time(now))
                .map((rs, ctx) -> client(rs)).list();
    }

    void disableClient(String id, Instant at, String by) {
        handle.createUpdate("UPDATE api_client SET disabled_at = :at, disabled_by = :by WHERE id = :id")
                .bind("id", id).bind("at", time(at)).bind("by", by).execute();
    }

    /** Inserts a key; false when its id is taken (the caller draws another). */
    boolean insertKey(KeyToken token, String clientId, String name, Set<Scope> scopes, Instant expiresAt,
                      Creation creation) {
        return handle.createUpdate("""
                        INSERT INTO api_key (id, client_id, name, secret_hash, scopes, created_at, created_by, expires_at, rotated_from)
                        VALUES (:id, :clientId, :name, :hash, :scopes, :at, :by, :expiresAt, :rotatedFrom)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", token.keyId())
                .bind("clientId", clientId)
                .bind("name", name)
                .bind("hash", token.hash())
                .bind("scopes", scopes.stream().map(KeyRequests::scopeName).toArray(String[]::new))
                .bind("at", time(creation.at()))
                .bind("by", creation.by())
                .bind("expiresAt", time(expiresAt))
                .bind("rotatedFrom", creation.rotatedFrom())
                .execute() == 1;
    }

    /**
     * Who created a key and when.
     *
     * @param rotatedFrom the key it replaces, or null
     */
    record Creation(Instant at, String by, String rotatedFrom) {
    }

    Optional<ApiKey> key(String id, Instant now) {
        return handle.createQuery("SELECT " + KEY_COLUMNS + " FROM api_key k WHERE k.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> key(rs, now)).findOne();
    }

    /** Keys, newest first; of one client when {@code clientId} is not null. */
    List<ApiKey> keys(String clientId, Instant now) {
        Query select = handle.createQuery("SELECT " + KEY_COLUMNS + " FROM api_key k"
                + (clientId == null ? "" : " WHERE k.client_id = :clientId") + " ORDER BY k.created_at DESC, k.id");
        if (clientId != null) {
            select.bind("clientId", clientId);
        }
        return select.map((rs, ctx) -> key(rs, now)).list();
    }

    /** The row authentication checks, found by key id (never by scanning hashes). */
    Optional<StoredKey> stored(String id) {
        return handle.createQuery("""
                        SELECT k.id, k.client_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, c.disabled_at
                        FROM api_key k JOIN api_client c ON c.id = k.client_id
                        WHERE k.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getBytes(3), scopes(rs.getArray(4)),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7)))
                .findOne();
    }

    void revoke(String id, Instant at, String by) {
        handle.createUpdate("UPDATE api_key SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("at", time(at)).bind("by", by).execute();
    }

    /** Brings a key's expiry forward to {@code at} (never later than it already was). */
    void expireBy(String id, Instant at) {
        handle.createUpdate("UPDATE api_key SET expires_at = LEAST(COALESCE(expires_at, :at), :at) WHERE id = :id")
                .bind("id", id).bind("at", time(at)).execute();
    }

    Optional<String> successor(String id) {
        return handle.createQuery("SELECT id FROM api_key WHERE rotated_from = :id").bind("id", id)
                .mapTo(String.class).findFirst();
    }

    List<String> activeKeyIds(String clientId, Instant now) {
        return handle.createQuery("SELECT k.id FROM api_key k WHERE k.client_id = :clientId AND " + ACTIVE)
                .bind("clientId", clientId).bind("now", time(now)).mapTo(String.class).list();
    }

    /** Active admin keys of enabled clients. */
    long activeAdminKeys(Instant now) {
        return handle.createQuery("""
                        SELECT count(*) FROM api_key k JOIN api_client c ON c.id = k.client_id
                        WHERE 'admin' = ANY (k.scopes) AND c.disabled_at IS NULL AND\s""" + ACTIVE)
                .bind("now", time(now)).mapTo(Long.class).one();
    }

    /** Whether an admin key was ever created (revoked and expired ones count): the first start is over. */
    boolean anyAdminKeyEver() {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM api_key WHERE 'admin' = ANY (scopes))")
                .mapTo(Boolean.class).one();
    }

    private static String clientSelect() {
        return """
                SELECT c.id, c.description, c.created_at, c.created_by, c.disabled_at, c.disabled_by,
                       (SELECT count(*) FROM api_key k WHERE k.client_id = c.id AND\s""" + ACTIVE + """
                ) AS active_keys
                FROM api_client c""";
    }

    private static ApiClient client(ResultSet rs) throws SQLException {
        return new ApiClient(rs.getString("id"), rs.getString("description"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "disabled_at"), rs.getString("disabled_by"),
                rs.getLong("active_keys"));
    }

    private static ApiKey key(ResultSet rs, Instant now) throws SQLException {
        Instant expiresAt = instant(rs, "expires_at");
        Instant revokedAt = instant(rs, "revoked_at");
        String status = revokedAt != null ? "revoked" : expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
        String id = rs.getString("id");
        return new ApiKey(id, rs.getString("client_id"), rs.getString("name"), KeyToken.displayPrefix(id),
                scopes(rs.getArray("scopes")).stream().map(KeyRequests::scopeName).toList(), status,
                instant(rs, "created_at"), rs.getString("created_by"), expiresAt, revokedAt, rs.getString("revoked_by"),
                rs.getString("rotated_from"), instant(rs, "last_used_at"));
    }

    private static Set<Scope> scopes(Array array) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object scope : (Object[]) array.getArray()) {
            scopes.add(Scope.valueOf(((String) scope).toUpperCase(Locale.ROOT)));
        }
        return scopes;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
