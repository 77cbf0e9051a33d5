package dev.valhalla.server.governance;

import dev.valhalla.server.core.error.ServiceUnavailableException;

import java.time.Duration;

/** A protected route was called while the kill switch is engaged (503 with {@code Retry-After}). */
public final class KillSwitchEngagedException extends ServiceUnavailableException {

    KillSwitchEngagedException(GoLiveState state, Duration retryAfter) {
        super(GovernanceErrorCode.KILL_SWITCH_ENGAGED, "The kill switch is engaged (by " + state.changedBy()
                + ": " + state.reason() + "); this route is refused until it is released", null, retryAfter);
    }
}
