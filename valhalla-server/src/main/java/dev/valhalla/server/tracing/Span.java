package dev.valhalla.server.tracing;

import java.time.Instant;
import java.util.Map;

/**
 * One finished span.
 *
 * @param parentSpanId the enclosing span (the caller's for a request span), or null
 * @param kind         {@code server} for a request, {@code sql} for a statement
 * @param status       {@code ok} or {@code error}
 */
record Span(String traceId, String spanId, String parentSpanId, String name, String kind, Instant start,
            long durationMicros, String status, Map<String, Object> attributes) {
}
