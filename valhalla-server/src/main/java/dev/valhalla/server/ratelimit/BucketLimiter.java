package dev.valhalla.server.ratelimit;

import java.time.Instant;

/** Takes one token of a rate policy's bucket for a subject: in memory or in PostgreSQL. Thread-safe. */
interface BucketLimiter {

    /** Takes a token when one is left and says so. */
    Decision take(RateLimitPolicy policy, String subject);

    /** Forgets buckets that are full again (or belong to a policy version no longer current) at {@code now}. */
    int purge(Instant now, PolicySnapshot current);
}
