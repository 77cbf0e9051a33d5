package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A flag as the admin API shows it: its definition in the client-features shape plus bookkeeping.
 *
 * @param name       the flag name
 * @param version    1 at creation, +1 on every change (update, archive, revival)
 * @param archived   whether it is archived (kept, never evaluated, not served to clients)
 * @param archivedAt when it was archived, or null
 * @param createdAt  first creation
 * @param updatedAt  last change
 * @param updatedBy  actor of the last change
 * @param definition the flag as {@code GET /api/client/features} serves it
 */
record StoredFlag(String name, long version, boolean archived, Instant archivedAt, Instant createdAt,
                  Instant updatedAt, String updatedBy, JsonNode definition) {
}
