package dev.valhalla.server.tracing;

import java.util.ArrayList;
import java.util.List;

/**
 * A sampled request in flight: its ids and the SQL spans recorded so far. Thread-safe: statements may
 * be recorded from any thread that carries the request's MDC.
 */
final class ActiveRequest {

    static final int MAX_CHILDREN = 1_000;

    private final String traceId;
    private final String spanId;
    private final String parentSpanId;
    private final long startedNanos = System.nanoTime();
    private final List<Span> children = new ArrayList<>();
    private int omitted;

    ActiveRequest(String traceId, String spanId, String parentSpanId) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.parentSpanId = parentSpanId;
    }

    String traceId() {
        return traceId;
    }

    String spanId() {
        return spanId;
    }

    String parentSpanId() {
        return parentSpanId;
    }

    long ageNanos() {
        return System.nanoTime() - startedNanos;
    }

    synchronized void add(Span child) {
        if (children.size() < MAX_CHILDREN) {
            children.add(child);
        } else {
            omitted++;
        }
    }

    synchronized List<Span> children() {
        return List.copyOf(children);
    }

    synchronized int omitted() {
        return omitted;
    }
}
