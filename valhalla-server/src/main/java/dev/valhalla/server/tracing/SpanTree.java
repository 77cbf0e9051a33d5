package dev.valhalla.server.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as a tree: each span with its children nested, roots being spans whose parent is not in
 * the trace (the caller's span lives elsewhere).
 *
 * @param durationMs from the first span's start to the last span's end
 */
record SpanTree(String traceId, int spanCount, Instant start, double durationMs, List<Node> spans) {

    /** One span and the spans it encloses. */
    record Node(String spanId, String parentSpanId, String name, String kind, Instant start, double durationMs,
                String status, Map<String, Object> attributes, List<Node> children) {
    }

    static SpanTree of(String traceId, List<Span> spans) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Span span : spans) {
            nodes.put(span.spanId(), new Node(span.spanId(), span.parentSpanId(), span.name(), span.kind(), span.start(),
                    span.durationMicros() / 1_000.0, span.status(), span.attributes(), new ArrayList<>()));
        }
        List<Node> roots = new ArrayList<>();
        for (Node node : nodes.values()) {
            Node parent = node.parentSpanId() == null ? null : nodes.get(node.parentSpanId());
            if (parent == null || encloses(node, parent, nodes)) {
                roots.add(node);
            } else {
                parent.children().add(node);
            }
        }
        Instant first = spans.stream().map(Span::start).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant last = spans.stream().map(s -> s.start().plusNanos(s.durationMicros() * 1_000))
                .max(Instant::compareTo).orElse(first);
        return new SpanTree(traceId, spans.size(), first, Duration.between(first, last).toNanos() / 1_000_000.0, roots);
    }

    // true when node is an ancestor of (or is) candidate: attaching would close a cycle of parent links
    private static boolean encloses(Node node, Node candidate, Map<String, Node> nodes) {
        Node current = candidate;
        for (int steps = 0; current != null && steps <= nodes.size(); steps++) {
            if (current == node) {
                return true;
            }
            current = current.parentSpanId() == null ? null : nodes.get(current.parentSpanId());
        }
        return current != null;
    }
}
