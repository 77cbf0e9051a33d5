package dev.valhalla.server.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The SQL of spans: one multi-row insert per batch, and the spans of one trace. */
final class SpanStore {

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };
    private final Handle handle;
    private final ObjectMapper mapper;

    SpanStore(Handle handle, ObjectMapper mapper) {
        this.handle = handle;
        this.mapper = mapper;
    }

    void insert(List<Span> batch) throws JsonProcessingException {
        int n = batch.size();
        List<String> traces = new ArrayList<>(n);
        List<String> spans = new ArrayList<>(n);
        List<String> parents = new ArrayList<>(n);
        List<String> names = new ArrayList<>(n);
        List<String> kinds = new ArrayList<>(n);
        List<Long> starts = new ArrayList<>(n);
        List<Long> durations = new ArrayList<>(n);
        List<String> statuses = new ArrayList<>(n);
        List<String> attributes = new ArrayList<>(n);
        for (Span span : batch) {
            traces.add(span.traceId());
            spans.add(span.spanId());
            parents.add(span.parentSpanId());
            names.add(clean(span.name()));
            kinds.add(span.kind());
            starts.add(ChronoUnit.MICROS.between(Instant.EPOCH, span.start()));
            durations.add(span.durationMicros());
            statuses.add(span.status());
            attributes.add(clean(mapper.writeValueAsString(span.attributes())));
        }
        handle.createUpdate("""
                INSERT INTO trace_span (trace_id, span_id, parent_span_id, name, kind, started_at, duration_us, status, attributes)
                SELECT t.trace_id, t.span_id, t.parent_span_id, t.name, t.kind,
                       timestamptz 'epoch' + t.start_us * interval '1 microsecond', t.duration_us, t.status, t.attributes::jsonb
                FROM unnest(:traces, :spans, :parents, :names, :kinds, :starts, :durations, :statuses, :attributes)
                     AS t(trace_id, span_id, parent_span_id, name, kind, start_us, duration_us, status, attributes)
                ON CONFLICT (trace_id, span_id) DO NOTHING
                """)
                .bindArray("traces", String.class, traces).bindArray("spans", String.class, spans)
                .bindArray("parents", String.class, parents).bindArray("names", String.class, names)
                .bindArray("kinds", String.class, kinds).bindArray("starts", Long.class, starts)
                .bindArray("durations", Long.class, durations).bindArray("statuses", String.class, statuses)
                .bindArray("attributes", String.class, attributes)
                .execute();
    }

    /** Every span of {@code traceId} in start order. */
    List<Span> trace(String traceId) {
        return handle.createQuery("""
                        SELECT trace_id, span_id, parent_span_id, name, kind, started_at, duration_us, status,
                               attributes::text AS attributes
                        FROM trace_span WHERE trace_id = :traceId ORDER BY started_at, span_id""")
                .bind("traceId", traceId)
                .map((rs, ctx) -> {
                    Map<String, Object> attributes;
                    try {
                        attributes = mapper.readValue(rs.getString("attributes"), ATTRIBUTES);
                    } catch (JsonProcessingException e) {
                        throw new SQLException("trace_span.attributes is not JSON", e);
                    }
                    return new Span(rs.getString("trace_id"), rs.getString("span_id"), rs.getString("parent_span_id"),
                            rs.getString("name"), rs.getString("kind"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                            rs.getLong("duration_us"), rs.getString("status"), attributes);
                })
                .list();
    }

    // PostgreSQL text cannot hold NUL characters
    private static String clean(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
