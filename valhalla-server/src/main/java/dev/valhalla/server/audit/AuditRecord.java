package dev.valhalla.server.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An audit entry as {@code GET /system/audit} returns it. */
record AuditRecord(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                   JsonNode before, JsonNode after, String reason, String correlationId, String previousHash,
                   String rowHash) {
}
