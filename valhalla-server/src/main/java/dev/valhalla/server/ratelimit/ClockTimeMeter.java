package dev.valhalla.server.ratelimit;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;

/** Bucket4j's time source on the injected {@link Clock} (millisecond precision), so tests control refills. */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
