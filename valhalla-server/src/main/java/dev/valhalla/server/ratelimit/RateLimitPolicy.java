package dev.valhalla.server.ratelimit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.valhalla.server.core.http.Route;

import java.time.Duration;
import java.time.Instant;

/**
 * A stored rate-limit or quota policy and the route group it applies to.
 *
 * @param name          its id, also the policy name in the {@code RateLimit} headers
 * @param algorithm     how it counts
 * @param limit         requests allowed per window (rates) or period (quotas)
 * @param windowSeconds the window of a rate; null for quotas (their period is the calendar day or month)
 * @param key           what is counted separately
 * @param pathPrefix    applies to routes whose path template starts with it
 * @param writes        only write routes (true), only read routes (false) or both (null)
 * @param scope         only routes requiring this scope ({@code public}, {@code read}, …), or any (null)
 * @param enabled       disabled policies are kept but not applied
 * @param description   for people
 * @param version       grows on every update; buckets of older versions start afresh
 * @param createdBy     who created it
 * @param createdAt     when
 * @param updatedAt     when it last changed
 */
record RateLimitPolicy(String name, Algorithm algorithm, long limit, Long windowSeconds, KeyBy key, String pathPrefix,
                       Boolean writes, String scope, boolean enabled, String description, long version,
                       String createdBy, Instant createdAt, Instant updatedAt) {

    /** Whether this policy limits {@code route}. */
    boolean appliesTo(Route route) {
        return enabled
                && route.path().startsWith(pathPrefix)
                && (writes == null || writes == route.writes())
                && (scope == null || scope.equalsIgnoreCase(route.scope().name()));
    }

    /** The refill window of a rate policy. */
    @JsonIgnore
    Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}
