package dev.valhalla.server.governance;

import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Route;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The in-memory view of the go-live gate and kill switch, read on every request without touching the
 * database. Updated when this instance changes the state (engaging takes effect here before the
 * change is even written) and reloaded when any instance announces a change through the change
 * notifier; a reload never replaces a newer local state with an older row.
 *
 * <p>For later features: flags evaluate off while {@link #engaged()}, and protected routes refuse
 * with 503 through {@link #guard(Predicate)}. Thread-safe.
 */
public final class KillSwitch {

    private final AtomicReference<GoLiveState> state;

    KillSwitch(GoLiveState initial) {
        this.state = new AtomicReference<>(initial);
    }

    /** Whether the kill switch is engaged (true until the database says otherwise). */
    public boolean engaged() {
        return state.get().killSwitchEngaged();
    }

    /** Whether go-live is enabled and the kill switch released. */
    public boolean live() {
        GoLiveState now = state.get();
        return now.goLiveEnabled() && !now.killSwitchEngaged();
    }

    /** The last known state. */
    public GoLiveState state() {
        return state.get();
    }

    /**
     * A guard refusing the routes {@code protectedRoute} selects with 503 {@code KILL_SWITCH_ENGAGED}
     * while the switch is engaged; install it with
     * {@code routes.guard(RequestGuard.Stage.AFTER_AUTHENTICATION, killSwitch.guard(route -> ...))}.
     */
    public RequestGuard guard(Predicate<Route> protectedRoute) {
        return (ctx, route, principal) -> {
            GoLiveState now = state.get();
            if (now.killSwitchEngaged() && protectedRoute.test(route)) {
                throw new KillSwitchEngagedException(now, Duration.ofSeconds(30));
            }
        };
    }

    /** Takes {@code newer} unless the state held is more recent. */
    void refresh(GoLiveState newer) {
        state.getAndUpdate(held -> held.updatedAt() != null && newer.updatedAt() != null
                && held.updatedAt().isAfter(newer.updatedAt()) ? held : newer);
    }

    /** Replaces the state unconditionally (this instance's own change). */
    void set(GoLiveState changed) {
        state.set(changed);
    }
}
