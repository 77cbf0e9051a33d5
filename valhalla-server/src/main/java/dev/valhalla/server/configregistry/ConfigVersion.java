package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One version in the history of a key.
 *
 * @param version     the version number
 * @param action      {@code create}, {@code update}, {@code rollback} or {@code delete}
 * @param type        the value's type
 * @param value       the value; null for a delete
 * @param description the description at that version
 * @param changedBy   who made the change
 * @param changedAt   when
 * @param reason      why, as given
 */
record ConfigVersion(long version, String action, String type, JsonNode value, String description, String changedBy,
                     Instant changedAt, String reason) {
}
