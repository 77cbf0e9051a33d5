package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.config.DatabaseSettings;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.JsonMapping;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system log: application log events at or above {@code VALHALLA_SYSTEM_LOG_LEVEL} (INFO), captured
 * by an appender added to Logback's root logger at start (removed at stop) and written asynchronously
 * in batches by a {@link BatchWriter} (meters {@code valhalla_systemlog_*}). Routes:
 * {@code GET /system/logs} (search by level, time range, correlation id, logger, text; paged with a
 * cursor) and {@code GET /system/errors} (error events grouped by fingerprint), both admin: messages may
 * carry client addresses and identifiers.
 *
 * <p>One appender per server on the process-wide Logback context: two servers in one JVM (tests) each
 * store every event of the process.
 */
public final class SystemLogFeature implements Feature {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SystemLogFeature.class);
    static final int MAX_ERROR_LIMIT = 500;

    private final WriterConnection connection;
    private final SystemLogSettings settings;
    private final ObjectMapper mapper = JsonMapping.create();
    private final BatchWriter<LogEvent> writer;
    private final SystemLogAppender appender;
    private Logger root;

    /**
     * A system log whose writer has its own connection to the database of {@code connectTo} (the search
     * routes use the request's unit of work).
     */
    public SystemLogFeature(DatabaseSettings connectTo, MeterRegistry registry, SystemLogSettings settings) {
        this.connection = new WriterConnection(connectTo, "valhalla-system-log");
        this.settings = settings;
        this.writer = new BatchWriter<>("system-log", "valhalla.systemlog", this::write,
                new BatchWriter.Limits(settings.queueCapacity(), settings.batchSize(), settings.flushInterval(), 3), registry);
        this.appender = new SystemLogAppender(settings.level(), writer);
    }

    @Override
    public void register(Routes routes) {
        routes.get("/system/logs", Scope.ADMIN, "Search the system log: level, time range, correlation id, logger, text",
                this::search);
        routes.get("/system/errors", Scope.ADMIN, "Error events grouped by fingerprint", this::errors);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            LOG.warn("The system log needs Logback; the logging backend is {}, so no events are kept",
                    LoggerFactory.getILoggerFactory().getClass().getName());
            return;
        }
        writer.start();
        appender.setContext(context);
        appender.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    @Override
    public void stop() {
        if (root != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        writer.close();
        connection.close();
    }

    /** Events dropped since start (queue full or write failed). */
    public long dropped() {
        return writer.dropped();
    }

    /** Events written since start. */
    public long written() {
        return writer.written();
    }

    private void write(List<LogEvent> batch) throws Exception {
        connection.inTransaction(handle -> {
            // a stalled table (a lock, a slow disk) fails the batch for a retry instead of waiting forever
            handle.execute("SET LOCAL lock_timeout = '2s'");
            handle.execute("SET LOCAL statement_timeout = '10s'");
            new LogStore(handle, mapper).insert(batch);
        });
    }

    private void search(Context ctx, Handle handle) {
        ctx.json(new LogStore(handle, mapper).search(LogQuery.of(ctx)));
    }

    private void errors(Context ctx, Handle handle) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Instant> since = LogQuery.instant(ctx, "since", errors);
        int limit = LogQuery.limit(ctx, MAX_ERROR_LIMIT, 50, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        ctx.json(Map.of("groups", new LogStore(handle, mapper).errors(since, limit)));
    }
}
