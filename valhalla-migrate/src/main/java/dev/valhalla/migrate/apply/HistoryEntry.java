package dev.valhalla.migrate.apply;

import java.time.Instant;

/**
 * One applied revision as recorded in the history table.
 *
 * @param id             revision id
 * @param checksum       checksum of the upgrade section when it was applied (or stamped)
 * @param appliedBy      who applied it
 * @param appliedAt      when its transaction committed
 * @param durationMillis how long its statements ran; 0 for a stamped revision
 */
public record HistoryEntry(String id, String checksum, String appliedBy, Instant appliedAt, long durationMillis) {
}
