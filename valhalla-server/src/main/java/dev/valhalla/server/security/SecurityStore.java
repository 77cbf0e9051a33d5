package dev.valhalla.server.security;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The SQL of policies, rules and honeypots, on the caller's handle (inside its transaction). */
final class SecurityStore {

    private static final String POLICY_COLUMNS = """
            p.id, p.name, p.description, p.enabled, p.created_at, p.created_by, p.updated_at,
            (SELECT count(*) FROM security_rule r WHERE r.policy_id = p.id) AS rules""";
    private static final String RULE_COLUMNS =
            "id, policy_id, kind, value, reason, created_at, created_by, expires_at, hit_count, last_hit_at";
    private static final String HONEYPOT_COLUMNS = """
            id, method, path, description, enabled, block_threshold, window_seconds, block_seconds, created_at, created_by""";

    private final Handle handle;

    SecurityStore(Handle handle) {
        this.handle = handle;
    }

    List<SecurityPolicy> policies() {
        return handle.createQuery("SELECT " + POLICY_COLUMNS + " FROM security_policy p ORDER BY p.id")
                .map((rs, ctx) -> policy(rs)).list();
    }

    Optional<SecurityPolicy> policy(long id) {
        return handle.createQuery("SELECT " + POLICY_COLUMNS + " FROM security_policy p WHERE p.id = :id")
                .bind("id", id).map((rs, ctx) -> policy(rs)).findOne();
    }

    Optional<SecurityPolicy> policyNamed(String name) {
        return handle.createQuery("SELECT " + POLICY_COLUMNS + " FROM security_policy p WHERE p.name = :name")
                .bind("name", name).map((rs, ctx) -> policy(rs)).findOne();
    }

    long insertPolicy(SecurityRequests.NewPolicy policy, String actor, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO security_policy (name, description, enabled, created_at, created_by, updated_at)
                        VALUES (:name, :description, :enabled, :now, :actor, :now)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("name", policy.name()).bind("description", policy.description()).bind("enabled", policy.enabled())
                .bind("now", time(now)).bind("actor", actor)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne().orElse(-1L);
    }

    void updatePolicy(long id, String description, boolean enabled, Instant now) {
        handle.createUpdate("UPDATE security_policy SET description = :description, enabled = :enabled, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("description", description).bind("enabled", enabled).bind("now", time(now)).execute();
    }

    void deletePolicy(long id) {
        handle.createUpdate("DELETE FROM security_policy WHERE id = :id").bind("id", id).execute();
    }

    List<BlockRule> rules(Long policyId) {
        return handle.createQuery("SELECT " + RULE_COLUMNS + " FROM security_rule"
                        + " WHERE (CAST(:policyId AS bigint) IS NULL OR policy_id = :policyId) ORDER BY id")
                .bind("policyId", policyId).map((rs, ctx) -> rule(rs)).list();
    }

    Optional<BlockRule> rule(long id) {
        return handle.createQuery("SELECT " + RULE_COLUMNS + " FROM security_rule WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> rule(rs)).findOne();
    }

    BlockRule insertRule(long policyId, RuleKind kind, String value, String reason, Instant expiresAt, String actor, Instant now) {
        return handle.createQuery("""
                        INSERT INTO security_rule (policy_id, kind, value, reason, created_at, created_by, expires_at)
                        VALUES (:policyId, :kind, :value, :reason, :now, :actor, :expiresAt)
                        RETURNING\s""" + RULE_COLUMNS)
                .bind("policyId", policyId).bind("kind", kind.wireName()).bind("value", value).bind("reason", reason)
                .bind("now", time(now)).bind("actor", actor).bind("expiresAt", time(expiresAt))
                .map((rs, ctx) -> rule(rs)).one();
    }

    void deleteRule(long id) {
        handle.createUpdate("DELETE FROM security_rule WHERE id = :id").bind("id", id).execute();
    }

    boolean activeRuleExists(long policyId, RuleKind kind, String value, Instant now) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM security_rule WHERE policy_id = :policyId AND kind = :kind
                                       AND value = :value AND (expires_at IS NULL OR expires_at > :now))""")
                .bind("policyId", policyId).bind("kind", kind.wireName()).bind("value", value).bind("now", time(now))
                .mapTo(Boolean.class).one();
    }

    /** Key id → client id of every key of these clients. */
    Map<String, String> keysOfClients(Set<String> clients) {
        Map<String, String> keys = new HashMap<>();
        if (clients.isEmpty()) {
            return keys;
        }
        handle.createQuery("SELECT id, client_id FROM api_key WHERE client_id = ANY(:clients)")
                .bindArray("clients", String.class, (Object[]) clients.toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(entry -> keys.put(entry.getKey(), entry.getValue()));
        return keys;
    }

    List<Honeypot> honeypots() {
        return handle.createQuery("SELECT " + HONEYPOT_COLUMNS + " FROM security_honeypot ORDER BY id")
                .map((rs, ctx) -> honeypot(rs)).list();
    }

    Optional<Honeypot> honeypot(long id) {
        return handle.createQuery("SELECT " + HONEYPOT_COLUMNS + " FROM security_honeypot WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> honeypot(rs)).findOne();
    }

    Optional<Honeypot> insertHoneypot(SecurityRequests.NewHoneypot request, String actor, Instant now) {
        return handle.createQuery("""
                        INSERT INTO security_honeypot (method, path, description, enabled, block_threshold, window_seconds,
                                                       block_seconds, created_at, created_by)
                        VALUES (:method, :path, :description, :enabled, :threshold, :window, :block, :now, :actor)
                        ON CONFLICT (method, path) DO NOTHING
                        RETURNING\s""" + HONEYPOT_COLUMNS)
                .bind("method", request.method()).bind("path", request.path()).bind("description", request.description())
                .bind("enabled", request.enabled()).bind("threshold", request.blockThreshold())
                .bind("window", request.windowSeconds()).bind("block", request.blockSeconds())
                .bind("now", time(now)).bind("actor", actor)
                .map((rs, ctx) -> honeypot(rs)).findOne();
    }

    void deleteHoneypot(long id) {
        handle.createUpdate("DELETE FROM security_honeypot WHERE id = :id").bind("id", id).execute();
    }

    void insertHits(List<HoneypotHit> hits) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO security_honeypot_hit (honeypot_id, occurred_at, address, method, path, user_agent, headers,
                                                   correlation_id)
                VALUES (:honeypotId, :at, :address, :method, :path, :userAgent, CAST(:headers AS jsonb), :correlationId)""");
        for (HoneypotHit hit : hits) {
            batch.bind("honeypotId", hit.honeypotId()).bind("at", time(hit.occurredAt())).bind("address", hit.address())
                    .bind("method", hit.method()).bind("path", hit.path()).bind("userAgent", hit.userAgent())
                    .bind("headers", hit.headersJson()).bind("correlationId", hit.correlationId()).add();
        }
        batch.execute();
    }

    long hitsSince(long honeypotId, String address, Instant since) {
        return handle.createQuery("""
                        SELECT count(*) FROM security_honeypot_hit
                        WHERE honeypot_id = :honeypotId AND address = :address AND occurred_at > :since""")
                .bind("honeypotId", honeypotId).bind("address", address).bind("since", time(since))
                .mapTo(Long.class).one();
    }

    List<Map<String, Object>> hits(Long honeypotId, String address, int limit) {
        return handle.createQuery("""
                        SELECT id, honeypot_id, occurred_at, address, method, path, user_agent, headers::text AS headers,
                               correlation_id
                        FROM security_honeypot_hit
                        WHERE (CAST(:honeypotId AS bigint) IS NULL OR honeypot_id = :honeypotId)
                          AND (CAST(:address AS text) IS NULL OR address = :address)
                        ORDER BY id DESC LIMIT :limit""")
                .bind("honeypotId", honeypotId).bind("address", address).bind("limit", limit)
                .map((rs, ctx) -> hitRow(rs)).list();
    }

    void addRuleHits(Map<Long, Long> counts, Instant now) {
        PreparedBatch batch = handle.prepareBatch("""
                UPDATE security_rule SET hit_count = hit_count + :count,
                       last_hit_at = GREATEST(last_hit_at, CAST(:now AS timestamptz)) WHERE id = :id""");
        counts.forEach((id, count) -> batch.bind("id", id).bind("count", count).bind("now", time(now)).add());
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    void addOffenders(Map<String, Long> counts, Instant now) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO security_offender (address, blocked_count, last_blocked_at) VALUES (:address, :count, :now)
                ON CONFLICT (address) DO UPDATE SET blocked_count = security_offender.blocked_count + EXCLUDED.blocked_count,
                    last_blocked_at = GREATEST(security_offender.last_blocked_at, EXCLUDED.last_blocked_at)""");
        counts.forEach((address, count) -> batch.bind("address", address).bind("count", count).bind("now", time(now)).add());
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    List<Map<String, Object>> topOffenders(int limit) {
        return handle.createQuery("""
                        SELECT address, blocked_count, last_blocked_at FROM security_offender
                        ORDER BY blocked_count DESC, address LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> Map.<String, Object>of("address", rs.getString(1), "blocked", rs.getLong(2),
                        "lastBlockedAt", instant(rs, 3)))
                .list();
    }

    List<Map<String, Object>> honeypotHitCounts(Instant since) {
        return handle.createQuery("""
                        SELECT h.id, h.method, h.path, count(x.id) AS total,
                               count(x.id) FILTER (WHERE x.occurred_at > :since) AS recent
                        FROM security_honeypot h LEFT JOIN security_honeypot_hit x ON x.honeypot_id = h.id
                        GROUP BY h.id ORDER BY h.id""")
                .bind("since", time(since))
                .map((rs, ctx) -> Map.<String, Object>of("honeypotId", rs.getLong(1), "method", rs.getString(2),
                        "path", rs.getString(3), "hits", rs.getLong(4), "hitsLast24h", rs.getLong(5)))
                .list();
    }

    private static Map<String, Object> hitRow(ResultSet rs) throws SQLException {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", rs.getLong("id"));
        row.put("honeypotId", rs.getLong("honeypot_id"));
        row.put("occurredAt", instant(rs, "occurred_at"));
        row.put("address", rs.getString("address"));
        row.put("method", rs.getString("method"));
        row.put("path", rs.getString("path"));
        row.put("userAgent", rs.getString("user_agent"));
        row.put("headers", HoneypotHit.parseHeaders(rs.getString("headers")));
        row.put("correlationId", rs.getString("correlation_id"));
        return row;
    }

    private static SecurityPolicy policy(ResultSet rs) throws SQLException {
        return new SecurityPolicy(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("enabled"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "updated_at"), rs.getLong("rules"));
    }

    private static BlockRule rule(ResultSet rs) throws SQLException {
        return new BlockRule(rs.getLong("id"), rs.getLong("policy_id"), rs.getString("kind"), rs.getString("value"),
                rs.getString("reason"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "expires_at"),
                rs.getLong("hit_count"), instant(rs, "last_hit_at"));
    }

    private static Honeypot honeypot(ResultSet rs) throws SQLException {
        return new Honeypot(rs.getLong("id"), rs.getString("method"), rs.getString("path"), rs.getString("description"),
                rs.getBoolean("enabled"), rs.getInt("block_threshold"), rs.getInt("window_seconds"),
                rs.getInt("block_seconds"), instant(rs, "created_at"), rs.getString("created_by"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
