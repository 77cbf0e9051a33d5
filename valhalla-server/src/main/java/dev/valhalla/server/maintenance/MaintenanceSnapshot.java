package dev.valhalla.server.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * The shield's in-memory copy of the database: the manual state and the windows not yet recorded as
 * ended. Immutable; replaced as a whole on reload.
 */
record MaintenanceSnapshot(ConfiguredState configured, List<MaintenanceWindow> openWindows) {

    MaintenanceSnapshot {
        openWindows = List.copyOf(openWindows);
    }

    /** The state in force at {@code now}; windows count by their times, whether recorded as begun or not. */
    EffectiveState effectiveAt(Instant now) {
        MaintenanceState state = configured.state();
        String source = "manual";
        Long windowId = null;
        Instant until = configured.expectedEnd();
        String reason = configured.reason();
        for (MaintenanceWindow window : openWindows) {
            if (!window.activeAt(now)) {
                continue;
            }
            if (window.state().stricterThan(state)) {
                state = window.state();
                source = "window";
                windowId = window.id();
                until = window.endsAt();
                reason = window.reason();
            } else if (window.state() == state && source.equals("window") && window.endsAt().isAfter(until)) {
                // overlapping windows of the same state: the client waits for the last of them
                windowId = window.id();
                until = window.endsAt();
            }
        }
        return new EffectiveState(state, configured.frozen(), source, windowId, until, reason);
    }
}
