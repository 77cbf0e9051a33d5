package dev.valhalla.server.maintenance;

import java.time.Instant;

/**
 * The state an admin set by hand (one row), before scheduled windows are applied.
 *
 * @param state       the manual state
 * @param frozen      whether configuration changes are refused (break-glass aside)
 * @param reason      why, as given
 * @param expectedEnd when the state is expected to end (drives {@code Retry-After}); null when unknown
 * @param updatedBy   who set it
 * @param updatedAt   when
 */
record ConfiguredState(MaintenanceState state, boolean frozen, String reason, Instant expectedEnd, String updatedBy,
                       Instant updatedAt) {
}
