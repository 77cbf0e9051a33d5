package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.db.Database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token-bucket policy decided outside the request edge, through the same limiters the guard uses
 * (Bucket4j in memory, or the PostgreSQL bucket of cluster mode): for measuring the decision cost and
 * for diagnostics. Cluster mode needs the schema at head. Thread-safe.
 */
public final class PolicyDecider {

    private final BucketLimiter limiter;
    private final RateLimitPolicy policy;

    private PolicyDecider(BucketLimiter limiter, long limit, Duration window) {
        this.limiter = limiter;
        Instant epoch = Instant.EPOCH;
        this.policy = new RateLimitPolicy("decider", Algorithm.TOKEN_BUCKET, limit, window.toSeconds(), KeyBy.IP, "/",
                null, null, true, "", 1, "system", epoch, epoch);
    }

    /** A decider with buckets in this process's memory. */
    public static PolicyDecider local(long limit, Duration window, Clock clock) {
        return new PolicyDecider(new LocalLimiter(clock), limit, window);
    }

    /** A decider with buckets in PostgreSQL, as every instance in cluster mode shares them. */
    public static PolicyDecider cluster(Database database, long limit, Duration window, Clock clock) {
        return new PolicyDecider(new ClusterLimiter(database, clock), limit, window);
    }

    /** Takes a token of {@code subject}'s bucket; false when none is left. */
    public boolean take(String subject) {
        return limiter.take(policy, subject).allowed();
    }
}
