package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A segment as the admin API shows it.
 *
 * @param id         the id strategies refer to
 * @param version    1 at creation, +1 on every change
 * @param updatedAt  last change
 * @param updatedBy  actor of the last change
 * @param definition the segment as {@code GET /api/client/features} serves it
 */
record StoredSegment(int id, long version, Instant updatedAt, String updatedBy, JsonNode definition) {
}
