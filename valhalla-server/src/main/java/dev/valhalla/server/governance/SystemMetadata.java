package dev.valhalla.server.governance;

import java.time.Instant;

/**
 * What the operators record about this installation (row 1 of {@code system_metadata}).
 *
 * @param version         the deployed version as the operators name it
 * @param backendComplete whether the backend is declared complete (a blocking runbook check)
 * @param notes           free text
 * @param updatedAt       last change
 * @param completedAt     when {@code backendComplete} last turned true; null while false
 */
record SystemMetadata(String version, boolean backendComplete, String notes, Instant updatedAt, Instant completedAt) {
}
