package dev.valhalla.server.ratelimit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** SQL of rate-limit policies, cluster buckets and quota counters, on the caller's handle. */
final class RateLimitStore {

    private static final RowMapper<RateLimitPolicy> POLICY = (rs, ctx) -> new RateLimitPolicy(rs.getString("name"),
            Algorithm.parse(rs.getString("algorithm")).orElseThrow(), rs.getLong("limit_count"),
            (Long) rs.getObject("window_seconds"), KeyBy.parse(rs.getString("key_by")).orElseThrow(),
            rs.getString("path_prefix"), (Boolean) rs.getObject("writes"), rs.getString("scope"), rs.getBoolean("enabled"),
            rs.getString("description"), rs.getLong("version"), rs.getString("created_by"), instant(rs, "created_at"),
            instant(rs, "updated_at"));

    /**
     * Greedy refill: the tokens a bucket holds at {@code :now}. A bucket of an older policy version
     * starts full.
     */
    private static final String GREEDY_AVAILABLE = "(CASE WHEN b.policy_version <> :version THEN CAST(:capacity AS double precision)"
            + " ELSE LEAST(CAST(:capacity AS double precision), b.tokens + GREATEST(0, :now - b.refilled_at_ms) * :ratePerMs) END)";
    /** Interval refill: full again once a whole window passed since the window began. */
    private static final String INTERVAL_AVAILABLE = "(CASE WHEN b.policy_version <> :version OR :now >= b.refilled_at_ms + :windowMs"
            + " THEN CAST(:capacity AS double precision) ELSE b.tokens END)";
    private static final String INTERVAL_START = "(CASE WHEN b.policy_version <> :version THEN :now"
            + " WHEN :now >= b.refilled_at_ms + :windowMs"
            + " THEN b.refilled_at_ms + ((:now - b.refilled_at_ms) / :windowMs) * :windowMs ELSE b.refilled_at_ms END)";

    private final Handle handle;

    RateLimitStore(Handle handle) {
        this.handle = handle;
    }

    List<RateLimitPolicy> policies() {
        return handle.createQuery("SELECT * FROM rate_limit_policy ORDER BY name").map(POLICY).list();
    }

    Optional<RateLimitPolicy> policy(String name) {
        return handle.createQuery("SELECT * FROM rate_limit_policy WHERE name = :name").bind("name", name).map(POLICY).findOne();
    }

    Optional<RateLimitPolicy> lockPolicy(String name) {
        return handle.createQuery("SELECT * FROM rate_limit_policy WHERE name = :name FOR UPDATE")
                .bind("name", name).map(POLICY).findOne();
    }

    /** Inserts a policy; empty when one of that name exists. */
    Optional<RateLimitPolicy> insert(String name, PolicyRequest request, String actor, Instant now) {
        return handle.createQuery("""
                        INSERT INTO rate_limit_policy (name, algorithm, limit_count, window_seconds, key_by, path_prefix, writes,
                                                       scope, enabled, description, version, created_by, created_at, updated_at)
                        VALUES (:name, :algorithm, :limit, :window, :key, :prefix, :writes, :scope, :enabled, :description, 1,
                                :actor, :now, :now)
                        ON CONFLICT (name) DO NOTHING
                        RETURNING *
                        """)
                .bind("name", name)
                .bindMap(fields(request))
                .bind("actor", actor)
                .bind("now", timestamp(now))
                .map(POLICY).findOne();
    }

    RateLimitPolicy update(String name, PolicyRequest request, Instant now) {
        return handle.createQuery("""
                        UPDATE rate_limit_policy
                           SET algorithm = :algorithm, limit_count = :limit, window_seconds = :window, key_by = :key,
                               path_prefix = :prefix, writes = :writes, scope = :scope, enabled = :enabled,
                               description = :description, version = version + 1, updated_at = :now
                         WHERE name = :name
                        RETURNING *
                        """)
                .bind("name", name)
                .bindMap(fields(request))
                .bind("now", timestamp(now))
                .map(POLICY).one();
    }

    void delete(String name) {
        handle.createUpdate("DELETE FROM rate_limit_quota_usage WHERE policy_name = :name").bind("name", name).execute();
        handle.createUpdate("DELETE FROM rate_limit_bucket WHERE policy_name = :name").bind("name", name).execute();
        handle.createUpdate("DELETE FROM rate_limit_policy WHERE name = :name").bind("name", name).execute();
    }

    private static java.util.Map<String, Object> fields(PolicyRequest request) {
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("algorithm", request.parsedAlgorithm().wire());
        fields.put("limit", request.limit());
        fields.put("window", request.windowSeconds());
        fields.put("key", request.parsedKey().wire());
        fields.put("prefix", request.pathPrefix());
        fields.put("writes", request.writes());
        fields.put("scope", request.scope());
        fields.put("enabled", request.enabled());
        fields.put("description", request.description());
        return fields;
    }

    /**
     * Takes one token from the shared bucket of ({@code policy}, {@code subject}) in one statement: the
     * row lock taken by {@code ON CONFLICT DO UPDATE} serializes concurrent callers of every instance, and
     * each sees the tokens its predecessor left. A refused call leaves the tokens as refilled.
     */
    ClusterBucket take(RateLimitPolicy policy, String subject, long nowMillis) {
        long windowMs = policy.window().toMillis();
        boolean greedy = policy.algorithm() == Algorithm.TOKEN_BUCKET;
        String available = greedy ? GREEDY_AVAILABLE : INTERVAL_AVAILABLE;
        String refilledAt = greedy ? "GREATEST(b.refilled_at_ms, :now)" : INTERVAL_START;
        return handle.createQuery("""
                        INSERT INTO rate_limit_bucket AS b (policy_name, subject, policy_version, tokens, refilled_at_ms, consumed, expires_at)
                        VALUES (:policy, :subject, :version, :capacity - 1, :now, true, :expiresAt)
                        ON CONFLICT (policy_name, subject) DO UPDATE SET
                            tokens = CASE WHEN %1$s >= 1 THEN %1$s - 1 ELSE %1$s END,
                            consumed = %1$s >= 1,
                            refilled_at_ms = %2$s,
                            policy_version = :version,
                            expires_at = :expiresAt
                        RETURNING tokens, consumed, refilled_at_ms
                        """.formatted(available, refilledAt))
                .bind("policy", policy.name())
                .bind("subject", subject)
                .bind("version", policy.version())
                .bind("capacity", policy.limit())
                .bind("now", nowMillis)
                .bind("windowMs", windowMs)
                .bind("ratePerMs", (double) policy.limit() / windowMs)
                .bind("expiresAt", timestamp(Instant.ofEpochMilli(nowMillis + windowMs)))
                .map((rs, ctx) -> new ClusterBucket(rs.getDouble("tokens"), rs.getBoolean("consumed"), rs.getLong("refilled_at_ms")))
                .one();
    }

    /** A cluster bucket right after {@link #take}. */
    record ClusterBucket(double tokens, boolean consumed, long refilledAtMillis) {
    }

    /**
     * Counts one request against a quota period; empty when the quota is used up (then nothing is
     * counted). Atomic across instances: the conditional upsert runs under the row lock.
     */
    Optional<Long> countQuota(RateLimitPolicy policy, String subject, Algorithm.Period period) {
        return handle.createQuery("""
                        INSERT INTO rate_limit_quota_usage AS u (policy_name, subject, period_start, used, expires_at)
                        VALUES (:policy, :subject, :start, 1, :end)
                        ON CONFLICT (policy_name, subject, period_start) DO UPDATE SET used = u.used + 1
                        WHERE u.used < :limit
                        RETURNING used
                        """)
                .bind("policy", policy.name())
                .bind("subject", subject)
                .bind("start", timestamp(period.start()))
                .bind("end", timestamp(period.end()))
                .bind("limit", policy.limit())
                .mapTo(Long.class).findOne();
    }

    /** Removes buckets and quota counters that expired before {@code now}; returns how many. */
    int purge(Instant now) {
        int buckets = handle.createUpdate("DELETE FROM rate_limit_bucket WHERE expires_at < :now")
                .bind("now", timestamp(now)).execute();
        int quotas = handle.createUpdate("DELETE FROM rate_limit_quota_usage WHERE expires_at < :now")
                .bind("now", timestamp(now)).execute();
        return buckets + quotas;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
