package dev.valhalla.server.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Calls {@link RateLimiter#purge()} periodically on a virtual thread. */
final class BucketPurger {

    private static final Logger LOG = LoggerFactory.getLogger(BucketPurger.class);

    private final RateLimiter limiter;
    private final Duration period;
    private final AtomicBoolean failing = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    BucketPurger(RateLimiter limiter, Duration period) {
        this.limiter = limiter;
        this.period = period;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("rate-limit-purge").factory());
        scheduler.scheduleWithFixedDelay(this::purge, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void purge() {
        try {
            int removed = limiter.purge();
            LOG.debug("Purged {} expired rate-limit buckets and quota counters", removed);
            failing.set(false);
        } catch (RuntimeException e) {
            // recover: expired rows only cost space; the next period retries
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot purge expired rate-limit buckets; retrying every {} s: {}", period.toSeconds(), e.toString());
            }
        }
    }
}
