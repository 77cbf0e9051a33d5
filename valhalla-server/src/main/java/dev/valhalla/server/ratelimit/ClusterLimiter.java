package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.db.Database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Buckets in PostgreSQL shared by every instance: one {@code INSERT … ON CONFLICT DO UPDATE … RETURNING}
 * per decision (one round trip plus the transaction's begin and commit) on the write pool. Chosen over
 * Bucket4j's PostgreSQL proxy managers, whose select-for-update and advisory-lock variants need several
 * statements per decision inside a transaction and store the bucket as serialized bytes: this keeps the
 * state readable, purgeable by an indexed {@code expires_at} and timed by the query monitor.
 */
final class ClusterLimiter implements BucketLimiter {

    private final Database database;
    private final Clock clock;

    ClusterLimiter(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Decision take(RateLimitPolicy policy, String subject) {
        long now = clock.millis();
        RateLimitStore.ClusterBucket bucket = database.inTransaction(handle -> new RateLimitStore(handle).take(policy, subject, now));
        long windowMs = policy.window().toMillis();
        Duration reset;
        Duration retryAfter;
        if (policy.algorithm() == Algorithm.TOKEN_BUCKET) {
            double ratePerMs = (double) policy.limit() / windowMs;
            reset = Duration.ofMillis((long) Math.ceil((policy.limit() - bucket.tokens()) / ratePerMs));
            retryAfter = Duration.ofMillis((long) Math.ceil(Math.max(0, 1 - bucket.tokens()) / ratePerMs));
        } else {
            reset = Duration.ofMillis(Math.max(0, bucket.refilledAtMillis() + windowMs - now));
            retryAfter = reset;
        }
        return bucket.consumed()
                ? new Decision(policy, true, (long) Math.floor(bucket.tokens()), reset, Duration.ZERO)
                : new Decision(policy, false, 0, reset, retryAfter);
    }

    @Override
    public int purge(Instant now, PolicySnapshot current) {
        return 0;
    }
}
