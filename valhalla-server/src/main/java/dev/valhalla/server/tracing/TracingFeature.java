package dev.valhalla.server.tracing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.config.DatabaseSettings;
import dev.valhalla.server.core.error.BadRequestException;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.JsonMapping;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.systemlog.BatchWriter;
import dev.valhalla.server.systemlog.WriterConnection;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Traces: W3C trace context on every matched route, sampled request spans with their SQL spans, written
 * asynchronously in batches (meters {@code valhalla_tracing_spans_*}), and
 * {@code GET /system/traces/{traceId}} (read scope) returning the trace as a span tree. The request's
 * end is observed through the access log's event (see {@link RequestEndListener}); statements become
 * spans when they run through {@link Tracer#sqlLogger} (see {@link #tracer()}).
 */
public final class TracingFeature implements Feature {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TracingFeature.class);
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private final WriterConnection connection;
    private final ObjectMapper mapper = JsonMapping.create();
    private final BatchWriter<Span> writer;
    private final Tracer tracer;
    private final RequestEndListener listener;
    private Logger accessLogger;

    /** Tracing whose spans are written on a dedicated connection to the database of {@code connectTo}. */
    public TracingFeature(DatabaseSettings connectTo, MeterRegistry registry, TracingSettings settings) {
        this.connection = new WriterConnection(connectTo, "valhalla-trace-writer");
        this.writer = new BatchWriter<>("trace", "valhalla.tracing.spans", this::write,
                new BatchWriter.Limits(settings.queueCapacity(), settings.batchSize(), settings.flushInterval(), 3), registry);
        this.tracer = new Tracer(settings, writer);
        this.listener = new RequestEndListener(tracer);
    }

    /** The tracer, for code that wants its statements recorded as SQL spans ({@link Tracer#traced}). */
    public Tracer tracer() {
        return tracer;
    }

    @Override
    public void register(Routes routes) {
        routes.guard(RequestGuard.Stage.BEFORE_AUTHENTICATION, (ctx, route, principal) -> tracer.begin(ctx));
        routes.get("/system/traces/{traceId}", Scope.READ, "One trace as a tree of request and SQL spans",
                tracer.traced(this::trace));
    }

    @Override
    public void start() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            LOG.warn("Request spans need Logback's access log events; the logging backend is {}",
                    LoggerFactory.getILoggerFactory().getClass().getName());
            return;
        }
        writer.start();
        listener.setContext(context);
        listener.start();
        accessLogger = context.getLogger(RequestEndListener.ACCESS_LOGGER);
        accessLogger.addAppender(listener);
    }

    @Override
    public void stop() {
        if (accessLogger != null) {
            accessLogger.detachAppender(listener);
            listener.stop();
        }
        writer.close();
        connection.close();
    }

    private void write(List<Span> batch) throws Exception {
        connection.inTransaction(handle -> {
            // a stalled table fails the batch for a retry instead of waiting forever
            handle.execute("SET LOCAL lock_timeout = '2s'");
            handle.execute("SET LOCAL statement_timeout = '10s'");
            new SpanStore(handle, mapper).insert(batch);
        });
    }

    private void trace(Context ctx, Handle handle) {
        String traceId = ctx.pathParam("traceId").toLowerCase(Locale.ROOT);
        if (!TRACE_ID.matcher(traceId).matches() || traceId.chars().allMatch(c -> c == '0')) {
            throw new BadRequestException("A trace id is 32 hexadecimal characters, not all zero; got '"
                    + ctx.pathParam("traceId") + "'");
        }
        List<Span> spans = new SpanStore(handle, mapper).trace(traceId);
        if (spans.isEmpty()) {
            throw new NotFoundException("No spans of trace " + traceId
                    + " (not sampled, not written yet, or unknown)");
        }
        ctx.json(SpanTree.of(traceId, spans));
    }
}
