package dev.valhalla.server.systemlog;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** What the system log routes return. */
final class LogRecords {

    private LogRecords() {
    }

    /** One stored event. */
    record LogEntry(long id, Instant timestamp, String level, String logger, String thread, String message,
                    String correlationId, String traceId, String spanId, JsonNode attributes, String exception,
                    String fingerprint) {
    }

    /** A page of events, newest first; {@code nextCursor} is null on the last page. */
    record LogPage(List<LogEntry> events, String nextCursor) {
    }

    /** The latest occurrence of an error group. */
    record ErrorSample(String message, String exception, String correlationId) {
    }

    /** Error events with one fingerprint. */
    record ErrorGroup(String fingerprint, String logger, String exceptionClass, String message, long count,
                      Instant firstSeen, Instant lastSeen, ErrorSample sample) {
    }
}
