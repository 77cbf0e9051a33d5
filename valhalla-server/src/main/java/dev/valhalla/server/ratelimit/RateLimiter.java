package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.http.Principal;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Route;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides, per request, every policy of the matched route: rates through the {@link BucketLimiter}
 * (memory or PostgreSQL), then quotas counted in PostgreSQL; stops at the first refusal. Sets the
 * {@code RateLimit-Policy} and {@code RateLimit} headers (draft-ietf-httpapi-ratelimit-headers) on
 * every response of a limited route and refuses with 429 + {@code Retry-After}. Policies come from an
 * in-memory snapshot: a route without policies costs one map lookup. Thread-safe.
 */
final class RateLimiter {

    static final String TOPIC = "ratelimit.policies";
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final Database database;
    private final BucketLimiter buckets;
    private final Clock clock;
    private final AtomicReference<PolicySnapshot> snapshot = new AtomicReference<>(PolicySnapshot.EMPTY);
    private final AtomicLong rejections = new AtomicLong();

    RateLimiter(Database database, BucketLimiter buckets, Clock clock) {
        this.database = database;
        this.buckets = buckets;
        this.clock = clock;
    }

    RequestGuard guard() {
        return this::check;
    }

    PolicySnapshot snapshot() {
        return snapshot.get();
    }

    long rejections() {
        return rejections.get();
    }

    Instant now() {
        return clock.instant();
    }

    private void check(Context ctx, Route route, Optional<Principal> principal) {
        List<RateLimitPolicy> policies = snapshot.get().forRoute(route);
        if (policies.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Decision> decisions = new ArrayList<>(policies.size());
        Decision refused = null;
        for (RateLimitPolicy policy : policies) {
            String subject = policy.key().subject(ctx, principal);
            Decision decision = policy.algorithm().quota() ? countQuota(policy, subject, now) : buckets.take(policy, subject);
            decisions.add(decision);
            if (!decision.allowed()) {
                refused = decision;
                break;
            }
        }
        StringJoiner policyField = new StringJoiner(", ");
        for (RateLimitPolicy policy : policies) {
            policyField.add(Decision.policyItem(policy, windowSeconds(policy, now)));
        }
        StringJoiner limitField = new StringJoiner(", ");
        decisions.forEach(decision -> limitField.add(decision.limitItem()));
        ctx.header("RateLimit-Policy", policyField.toString());
        ctx.header("RateLimit", limitField.toString());
        if (refused != null) {
            rejections.incrementAndGet();
            throw new RateLimitExceededException(refused);
        }
    }

    private Decision countQuota(RateLimitPolicy policy, String subject, Instant now) {
        Algorithm.Period period = policy.algorithm().period(now);
        Optional<Long> used = database.inTransaction(handle -> new RateLimitStore(handle).countQuota(policy, subject, period));
        Duration untilEnd = Duration.between(now, period.end());
        return used.isPresent()
                ? new Decision(policy, true, policy.limit() - used.get(), untilEnd, Duration.ZERO)
                : new Decision(policy, false, 0, untilEnd, untilEnd);
    }

    private static long windowSeconds(RateLimitPolicy policy, Instant now) {
        return policy.algorithm().quota() ? policy.algorithm().period(now).length().toSeconds() : policy.windowSeconds();
    }

    /** Re-reads the policies (write pool: a replica could lag behind the change just announced). */
    synchronized void reload() {
        snapshot.set(new PolicySnapshot(database.executeWithRetry(handle -> new RateLimitStore(handle).policies())));
    }

    /** {@link #reload()} for callbacks: a failure keeps the last snapshot until the next notification or refresh. */
    void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // recover: the last policies stay in force; the notifier's periodic refresh retries
            LOG.warn("Could not reload the rate-limit policies; keeping the last known ones: {}", e.toString());
        }
    }

    /** Forgets expired buckets in memory and in the database and quota counters of past periods. */
    int purge() {
        Instant now = clock.instant();
        int local = buckets.purge(now, snapshot.get());
        int stored = database.inTransaction(handle -> new RateLimitStore(handle).purge(now));
        return local + stored;
    }
}
