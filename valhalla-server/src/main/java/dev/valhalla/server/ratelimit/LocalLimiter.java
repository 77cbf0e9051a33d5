package dev.valhalla.server.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buckets in this instance's memory (Bucket4j, lock-free): no database round trip per decision. Each
 * (policy, version, subject) has its own bucket, created on first use.
 */
final class LocalLimiter implements BucketLimiter {

    private record Key(String policy, long version, String subject) {
    }

    private record Entry(Bucket bucket, Duration window, AtomicLong lastUsedMillis) {
    }

    private final Clock clock;
    private final ClockTimeMeter time;
    private final Map<Key, Entry> buckets = new ConcurrentHashMap<>();

    LocalLimiter(Clock clock) {
        this.clock = clock;
        this.time = new ClockTimeMeter(clock);
    }

    @Override
    public Decision take(RateLimitPolicy policy, String subject) {
        Key key = new Key(policy.name(), policy.version(), subject);
        // get first: computeIfAbsent locks the bin even when the bucket exists, and nearly every call finds it
        Entry entry = buckets.get(key);
        if (entry == null) {
            entry = buckets.computeIfAbsent(key, k -> newEntry(policy));
        }
        entry.lastUsedMillis().set(clock.millis());
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        Duration reset = Duration.ofNanos(probe.getNanosToWaitForReset());
        return probe.isConsumed()
                ? new Decision(policy, true, probe.getRemainingTokens(), reset, Duration.ZERO)
                : new Decision(policy, false, 0, reset, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Entry newEntry(RateLimitPolicy policy) {
        Duration window = policy.window();
        Bandwidth limit = policy.algorithm() == Algorithm.TOKEN_BUCKET
                ? Bandwidth.builder().capacity(policy.limit()).refillGreedy(policy.limit(), window).build()
                : Bandwidth.builder().capacity(policy.limit()).refillIntervally(policy.limit(), window).build();
        Bucket bucket = Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build();
        return new Entry(bucket, window, new AtomicLong(clock.millis()));
    }

    @Override
    public int purge(Instant now, PolicySnapshot current) {
        int removed = 0;
        for (Iterator<Map.Entry<Key, Entry>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> bucket = it.next();
            Key key = bucket.getKey();
            // a bucket unused for a whole window is full again: forgetting it changes nothing
            boolean idle = now.toEpochMilli() - bucket.getValue().lastUsedMillis().get() >= bucket.getValue().window().toMillis();
            if (idle || !current.isCurrent(key.policy(), key.version())) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    int size() {
        return buckets.size();
    }
}
