package dev.valhalla.server.ratelimit;

import java.time.Duration;

/**
 * The outcome of one policy for one request.
 *
 * @param policy     the policy
 * @param allowed    whether the request may proceed under it
 * @param remaining  requests left right now (the {@code r} of the {@code RateLimit} header)
 * @param reset      until the quota is whole again (its {@code t})
 * @param retryAfter when refused, until the next request can succeed; zero when allowed
 */
record Decision(RateLimitPolicy policy, boolean allowed, long remaining, Duration reset, Duration retryAfter) {

    /** The {@code RateLimit-Policy} item of {@code policy}, e.g. {@code "api";q=100;w=60}. */
    static String policyItem(RateLimitPolicy policy, long windowSeconds) {
        return "\"" + policy.name() + "\";q=" + policy.limit() + ";w=" + windowSeconds;
    }

    /** The {@code RateLimit} item, e.g. {@code "api";r=42;t=17}. */
    String limitItem() {
        return "\"" + policy.name() + "\";r=" + Math.max(0, remaining) + ";t=" + ceilSeconds(reset);
    }

    static long ceilSeconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return (millis + 999) / 1000;
    }
}
