package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.config.Setting;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of rate limiting, parsed once at start-up.
 *
 * @param mode          where buckets live ({@code VALHALLA_RATE_LIMIT_MODE})
 * @param purgeInterval how often expired buckets and quota counters are removed
 */
public record RateLimitSettings(Mode mode, Duration purgeInterval) {

    /** Where token buckets live. */
    public enum Mode {
        /** In memory (Bucket4j), per instance: no database round trip per request. */
        LOCAL,
        /** In PostgreSQL: every instance on the database shares one limit. */
        CLUSTER
    }

    public RateLimitSettings {
        Objects.requireNonNull(mode, "mode");
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("purge interval must be positive, got " + purgeInterval);
        }
    }

    /** Local mode, purging every minute. */
    public static RateLimitSettings defaults() {
        return new RateLimitSettings(Mode.LOCAL, Duration.ofMinutes(1));
    }

    /** The settings of {@code config} ({@code VALHALLA_RATE_LIMIT_MODE}). */
    public static RateLimitSettings from(ServerConfig config) {
        return parse(config.value(Setting.RATE_LIMIT_MODE));
    }

    /**
     * Parses {@code VALHALLA_RATE_LIMIT_MODE}: {@code local} or {@code cluster} (blank: local).
     *
     * @throws IllegalArgumentException naming the variable
     */
    public static RateLimitSettings parse(String mode) {
        if (mode == null || mode.isBlank()) {
            return defaults();
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "local" -> defaults();
            case "cluster" -> new RateLimitSettings(Mode.CLUSTER, Duration.ofMinutes(1));
            default -> throw new IllegalArgumentException("Invalid configuration:\n  " + Setting.RATE_LIMIT_MODE.variable()
                    + ": expected local or cluster, got '" + mode.strip() + "'");
        };
    }
}
