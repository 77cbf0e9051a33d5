package dev.valhalla.server.flags;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one evaluation call sees: the caller's context, the clock (read at most once, so every date
 * constraint of the call sees the same "now") and the fallback host name. Confined to one thread.
 */
final class Subject {

    private final EvaluationContext context;
    private final Clock clock;
    private final String localHostname;
    private Instant now;

    Subject(EvaluationContext context, Clock clock, String localHostname) {
        this.context = context == null ? EvaluationContext.empty() : context;
        this.clock = clock;
        this.localHostname = localHostname;
    }

    EvaluationContext context() {
        return context;
    }

    /** A context field by name, or null. */
    String value(String field) {
        return context.field(field);
    }

    /** The instant date constraints compare with: the context's {@code currentTime}, else the clock. */
    Instant currentTime() {
        String given = context.currentTime();
        if (given != null) {
            return Dates.parse(given);
        }
        if (now == null) {
            now = clock.instant();
        }
        return now;
    }

    /** The host name the {@code applicationHostname} strategy compares: the context's, else the server's. */
    String hostname() {
        String given = context.properties().get("hostname");
        return given != null ? given : localHostname;
    }

    /** The stickiness value for a rollout: {@code default} is userId, then sessionId, then null (random). */
    String stickinessValue(String stickiness) {
        if (stickiness == null || stickiness.equals("default")) {
            return context.userId() != null ? context.userId() : context.sessionId();
        }
        return context.field(stickiness);
    }

    /** A uniformly random bucket in {@code 1..bound}. */
    static int randomBucket(int bound) {
        return ThreadLocalRandom.current().nextInt(bound) + 1;
    }
}
