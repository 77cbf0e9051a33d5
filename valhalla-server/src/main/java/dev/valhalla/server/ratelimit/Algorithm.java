package dev.valhalla.server.ratelimit;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * How a policy counts. Rates: {@code token_bucket} (the bucket refills continuously, {@code limit}
 * tokens per window, so bursts up to {@code limit}) and {@code fixed_window} ({@code limit} requests per
 * window, refilled at once when the window ends). Quotas, counted in PostgreSQL per UTC calendar
 * period: {@code daily_quota} and {@code monthly_quota}.
 */
enum Algorithm {
    TOKEN_BUCKET, FIXED_WINDOW, DAILY_QUOTA, MONTHLY_QUOTA;

    @JsonValue
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Algorithm> parse(String value) {
        for (Algorithm algorithm : values()) {
            if (algorithm.wire().equals(value)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    boolean quota() {
        return this == DAILY_QUOTA || this == MONTHLY_QUOTA;
    }

    /** The UTC calendar period of a quota containing {@code now}. */
    Period period(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = this == DAILY_QUOTA ? day : day.withDayOfMonth(1);
        LocalDate end = this == DAILY_QUOTA ? start.plusDays(1) : start.plusMonths(1);
        return new Period(start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A quota period: from {@code start} (inclusive) to {@code end} (exclusive). */
    record Period(Instant start, Instant end) {
        Duration length() {
            return Duration.between(start, end);
        }
    }
}
