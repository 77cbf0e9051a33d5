package dev.valhalla.server.audit;

import java.time.Instant;

/**
 * An audit row as hashed and stored; {@code before} and {@code after} are canonical JSON text.
 */
record AuditRow(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                String before, String after, String reason, String correlationId, String previousHash) {
}
