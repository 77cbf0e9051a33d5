package dev.valhalla.server.governance;

import java.time.Instant;

/**
 * The go-live gate and the kill switch (row 1 of {@code go_live_state}).
 *
 * @param goLiveEnabled     whether go-live is enabled (default false)
 * @param killSwitchEngaged whether the kill switch is engaged (default true)
 * @param changedBy         who made the last change (the audit actor of the key used, or {@code system})
 * @param reason            why, as given
 * @param updatedAt         when
 */
public record GoLiveState(boolean goLiveEnabled, boolean killSwitchEngaged, String changedBy, String reason,
                          Instant updatedAt) {

    /** The state assumed before the database was read: nothing live, kill switch engaged. */
    static GoLiveState initial(Instant now) {
        return new GoLiveState(false, true, "system", "initial state", now);
    }
}
