package dev.valhalla.server.tracing;

import dev.valhalla.server.core.http.Correlation;
import dev.valhalla.server.core.http.TransactionalHandler;
import dev.valhalla.server.systemlog.BatchWriter;
import io.javalin.http.Context;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which requests are traced and collects their spans: a {@code server} span per request (named
 * method + route template) and an {@code sql} span per statement, child of the request span. The trace
 * and span ids are the ones {@link Correlation} resolved (the caller's trace id when it sent a valid
 * {@code traceparent}). A caller's sampled flag is honoured; otherwise a request is sampled with the
 * configured rate. The response's {@code traceparent} carries this server's span id and the decision.
 * Finished spans go to a {@link BatchWriter}: a request never waits for them.
 *
 * <p>Statements become spans when they run through {@link #sqlLogger(SqlLogger)} on a thread carrying
 * the request's MDC ({@code spanId}). Thread-safe.
 */
public final class Tracer {

    static final String TRACEPARENT = "traceparent";
    // W3C Trace Context §3.2; Correlation already validated the header when its trace id was adopted
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final int MAX_ACTIVE = 10_000;
    private static final Duration STALE = Duration.ofMinutes(5);
    private static final int MAX_STATEMENT = 4_000;
    private static final Set<String> PROBES = Set.of("/live", "/ready", "/health", "/metrics");

    private final TracingSettings settings;
    private final BatchWriter<Span> writer;
    private final Map<String, ActiveRequest> active = new ConcurrentHashMap<>();

    Tracer(TracingSettings settings, BatchWriter<Span> writer) {
        this.settings = settings;
        this.writer = writer;
    }

    /**
     * Wraps {@code handler} so the statements it runs on its handle become SQL spans of the request
     * (the handle's existing SQL logger, the query monitor, still runs first).
     */
    public TransactionalHandler traced(TransactionalHandler handler) {
        return (ctx, handle) -> {
            handle.setSqlLogger(sqlLogger(handle.getConfig(SqlStatements.class).getSqlLogger()));
            handler.handle(ctx, handle);
        };
    }

    /** A SQL logger that calls {@code delegate}, then records the statement as a span of the current request. */
    public SqlLogger sqlLogger(SqlLogger delegate) {
        return new SqlSpanLogger(delegate, this);
    }

    /**
     * Called before authentication for every matched route: samples and starts the request span. Probes
     * (health and metrics, polled every few seconds by orchestrators and scrapers) are traced only when the
     * caller asks for it with a sampled {@code traceparent}: sampled at the rate they would be mostly noise.
     */
    void begin(Context ctx) {
        Correlation.Ids ids = Correlation.ids(ctx).orElse(null);
        if (ids == null) {
            return;
        }
        String parentSpanId = null;
        boolean sampled;
        String header = ctx.header(TRACEPARENT);
        Matcher incoming = header == null ? null : TRACEPARENT_FORMAT.matcher(header.trim());
        if (incoming != null && incoming.matches() && incoming.group(1).equals(ids.traceId())) {
            parentSpanId = incoming.group(2);
            sampled = (Integer.parseInt(incoming.group(3), 16) & 1) == 1;
        } else {
            sampled = !PROBES.contains(ctx.path()) && sample();
        }
        ctx.header(TRACEPARENT, "00-" + ids.traceId() + "-" + ids.spanId() + (sampled ? "-01" : "-00"));
        if (sampled && room()) {
            active.put(ids.spanId(), new ActiveRequest(ids.traceId(), ids.spanId(), parentSpanId));
        }
    }

    /** The request whose server span is {@code spanId} finished; queues its spans. */
    void finished(String spanId, RequestOutcome outcome) {
        ActiveRequest request = spanId == null ? null : active.remove(spanId);
        if (request == null) {
            return;
        }
        long micros = Math.round(outcome.durationMillis() * 1_000);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.request.method", outcome.method());
        attributes.put("http.route", outcome.route());
        attributes.put("url.path", outcome.path());
        attributes.put("http.response.status_code", outcome.status());
        if (request.omitted() > 0) {
            attributes.put("valhalla.sql_spans_omitted", request.omitted());
        }
        writer.offer(new Span(request.traceId(), request.spanId(), request.parentSpanId(),
                outcome.method() + " " + outcome.route(), "server", outcome.end().minusNanos(micros * 1_000), micros,
                outcome.status() >= 500 ? "error" : "ok", attributes));
        for (Span child : request.children()) {
            writer.offer(child);
        }
    }

    /** Records one statement of the request whose span id is in the MDC, if it is sampled. */
    void statement(String sql, Instant start, long nanos, String error) {
        String spanId = MDC.get("spanId");
        ActiveRequest request = spanId == null ? null : active.get(spanId);
        if (request == null) {
            return;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("db.system", "postgresql");
        String statement = sql == null ? "" : sql.strip();
        attributes.put("db.statement", statement.length() <= MAX_STATEMENT ? statement : statement.substring(0, MAX_STATEMENT) + "…");
        if (error != null) {
            attributes.put("error.message", error);
        }
        request.add(new Span(request.traceId(), randomSpanId(), request.spanId(), "SQL " + operation(statement), "sql",
                start, Math.max(0, nanos / 1_000), error == null ? "ok" : "error", attributes));
    }

    private boolean sample() {
        double rate = settings.sampleRate();
        return rate >= 1 || (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate);
    }

    // a request whose end was never observed must not stay forever
    private boolean room() {
        if (active.size() < MAX_ACTIVE) {
            return true;
        }
        active.values().removeIf(request -> request.ageNanos() > STALE.toNanos());
        return active.size() < MAX_ACTIVE;
    }

    private static String operation(String statement) {
        List<String> words = List.of(statement.split("\\s+", 3));
        return words.isEmpty() || words.getFirst().isEmpty() ? "statement"
                : words.getFirst().toUpperCase(java.util.Locale.ROOT);
    }

    private static String randomSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HexFormat.of().toHexDigits(id);
    }

    /**
     * How a request ended, as the access log reported it.
     *
     * @param end the moment it finished
     */
    record RequestOutcome(String method, String route, String path, int status, double durationMillis, Instant end) {
    }
}
