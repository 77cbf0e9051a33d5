package dev.valhalla.server.maintenance;

import java.time.Duration;
import java.time.Instant;

/**
 * What the shield enforces at one instant: the manual state made stricter by any running window.
 *
 * @param state    the state in force
 * @param frozen   whether configuration changes are refused
 * @param source   {@code manual} or {@code window}
 * @param windowId the window in force when {@code source} is {@code window}, else null
 * @param until    when the state is expected to end (the window's end, or the manual expected end); null
 *                 when unknown
 * @param reason   the reason given for the state in force
 */
public record EffectiveState(MaintenanceState state, boolean frozen, String source, Long windowId, Instant until,
                             String reason) {

    /** The {@code Retry-After} used when the end of a state is not known. */
    public static final Duration UNKNOWN_END_RETRY = Duration.ofSeconds(60);

    /** How long a refused client should wait at {@code now}: until the end when known, at least a second. */
    public Duration retryAfter(Instant now) {
        if (until == null) {
            return UNKNOWN_END_RETRY;
        }
        Duration left = Duration.between(now, until);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }
}
