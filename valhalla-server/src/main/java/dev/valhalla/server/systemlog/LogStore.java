package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of the system log: batch inserts of events and error groups, and their searches. */
final class LogStore {

    private static final int MAX_EXCEPTION = 32_000;
    private final Handle handle;
    private final ObjectMapper mapper;

    LogStore(Handle handle, ObjectMapper mapper) {
        this.handle = handle;
        this.mapper = mapper;
    }

    /** Inserts {@code batch} with one statement and folds its errors into their groups. */
    void insert(List<LogEvent> batch) throws JsonProcessingException {
        int n = batch.size();
        List<Long> micros = new ArrayList<>(n);
        List<String> levels = new ArrayList<>(n);
        List<String> loggers = new ArrayList<>(n);
        List<String> threads = new ArrayList<>(n);
        List<String> messages = new ArrayList<>(n);
        List<String> correlations = new ArrayList<>(n);
        List<String> traces = new ArrayList<>(n);
        List<String> spans = new ArrayList<>(n);
        List<String> attributes = new ArrayList<>(n);
        List<String> exceptions = new ArrayList<>(n);
        List<String> fingerprints = new ArrayList<>(n);
        Map<String, GroupDelta> groups = new LinkedHashMap<>();
        for (LogEvent event : batch) {
            String exception = event.throwable() == null ? null : clean(clip(ThrowableProxyUtil.asString(event.throwable())));
            String fingerprint = null;
            if (event.level().equals("ERROR")) {
                ErrorFingerprint print = ErrorFingerprint.of(event);
                fingerprint = print.value();
                groups.computeIfAbsent(fingerprint, key -> new GroupDelta(event, print)).add(event, exception);
            }
            micros.add(ChronoUnit.MICROS.between(Instant.EPOCH, event.timestamp()));
            levels.add(event.level());
            loggers.add(clean(event.logger()));
            threads.add(clean(event.thread()));
            messages.add(clean(event.message()));
            correlations.add(clean(event.correlationId()));
            traces.add(clean(event.traceId()));
            spans.add(clean(event.spanId()));
            attributes.add(clean(mapper.writeValueAsString(event.attributes())));
            exceptions.add(exception);
            fingerprints.add(fingerprint);
        }
        handle.createUpdate("""
                INSERT INTO system_log (logged_at, level, logger, thread, message, correlation_id, trace_id, span_id,
                                        attributes, exception, fingerprint)
                SELECT timestamptz 'epoch' + t.micros * interval '1 microsecond', t.level, t.logger, t.thread, t.message,
                       t.correlation_id, t.trace_id, t.span_id, t.attributes::jsonb, t.exception, t.fingerprint
                FROM unnest(:micros, :levels, :loggers, :threads, :messages, :correlations, :traces, :spans,
                            :attributes, :exceptions, :fingerprints)
                     AS t(micros, level, logger, thread, message, correlation_id, trace_id, span_id,
                          attributes, exception, fingerprint)
                """)
                .bindArray("micros", Long.class, micros).bindArray("levels", String.class, levels)
                .bindArray("loggers", String.class, loggers).bindArray("threads", String.class, threads)
                .bindArray("messages", String.class, messages).bindArray("correlations", String.class, correlations)
                .bindArray("traces", String.class, traces).bindArray("spans", String.class, spans)
                .bindArray("attributes", String.class, attributes).bindArray("exceptions", String.class, exceptions)
                .bindArray("fingerprints", String.class, fingerprints)
                .execute();
        for (GroupDelta group : groups.values()) {
            upsert(group);
        }
    }

    private void upsert(GroupDelta group) {
        handle.createUpdate("""
                INSERT INTO system_error_group AS g (fingerprint, logger, exception_class, message, occurrences, first_seen,
                                                     last_seen, sample_message, sample_exception, sample_correlation_id)
                VALUES (:fingerprint, :logger, :exceptionClass, :message, :count, :first, :last, :sampleMessage,
                        :sampleException, :sampleCorrelationId)
                ON CONFLICT (fingerprint) DO UPDATE SET
                    occurrences = g.occurrences + excluded.occurrences,
                    first_seen = least(g.first_seen, excluded.first_seen),
                    last_seen = greatest(g.last_seen, excluded.last_seen),
                    sample_message = excluded.sample_message,
                    sample_exception = excluded.sample_exception,
                    sample_correlation_id = excluded.sample_correlation_id
                """)
                .bind("fingerprint", group.print.value()).bind("logger", clean(group.logger))
                .bind("exceptionClass", group.print.exceptionClass()).bind("message", clean(group.print.message()))
                .bind("count", group.count).bind("first", group.first.atOffset(java.time.ZoneOffset.UTC))
                .bind("last", group.last.atOffset(java.time.ZoneOffset.UTC))
                .bind("sampleMessage", clean(group.sampleMessage)).bind("sampleException", group.sampleException)
                .bind("sampleCorrelationId", clean(group.sampleCorrelationId))
                .execute();
    }

    /** One page of events matching {@code query}, newest first. */
    LogRecords.LogPage search(LogQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, logged_at, level, logger, thread, message, correlation_id, trace_id, span_id,
                       attributes::text AS attributes, exception, fingerprint
                FROM system_log WHERE level = ANY(:levels)""");
        query.from().ifPresent(v -> sql.append(" AND logged_at >= :from"));
        query.to().ifPresent(v -> sql.append(" AND logged_at < :to"));
        query.correlationId().ifPresent(v -> sql.append(" AND correlation_id = :correlationId"));
        query.logger().ifPresent(v -> sql.append(" AND (logger = :logger OR logger LIKE :loggerPrefix ESCAPE '!')"));
        query.text().ifPresent(v -> sql.append(" AND message ILIKE :text ESCAPE '!'"));
        query.before().ifPresent(v -> sql.append(" AND id < :before"));
        sql.append(" ORDER BY id DESC LIMIT :limit");
        Query statement = handle.createQuery(sql.toString())
                .bindArray("levels", String.class, query.levels())
                .bind("limit", query.limit() + 1);
        query.from().ifPresent(v -> statement.bind("from", v.atOffset(java.time.ZoneOffset.UTC)));
        query.to().ifPresent(v -> statement.bind("to", v.atOffset(java.time.ZoneOffset.UTC)));
        query.correlationId().ifPresent(v -> statement.bind("correlationId", v));
        query.logger().ifPresent(v -> statement.bind("logger", v).bind("loggerPrefix", like(v) + ".%"));
        query.text().ifPresent(v -> statement.bind("text", "%" + like(v) + "%"));
        query.before().ifPresent(v -> statement.bind("before", v));
        List<LogRecords.LogEntry> rows = new ArrayList<>(statement.map((rs, ctx) -> entry(rs)).list());
        String next = null;
        if (rows.size() > query.limit()) {
            rows.removeLast();
            next = Long.toString(rows.getLast().id());
        }
        return new LogRecords.LogPage(rows, next);
    }

    /** Error groups seen at or after {@code since}, most recently seen first. */
    List<LogRecords.ErrorGroup> errors(Optional<Instant> since, int limit) {
        return handle.createQuery("""
                        SELECT fingerprint, logger, exception_class, message, occurrences, first_seen, last_seen,
                               sample_message, sample_exception, sample_correlation_id
                        FROM system_error_group
                        WHERE last_seen >= :since
                        ORDER BY last_seen DESC, fingerprint
                        LIMIT :limit""")
                .bind("since", since.orElse(Instant.EPOCH).atOffset(java.time.ZoneOffset.UTC))
                .bind("limit", limit)
                .map((rs, ctx) -> new LogRecords.ErrorGroup(rs.getString("fingerprint"), rs.getString("logger"),
                        rs.getString("exception_class"), rs.getString("message"), rs.getLong("occurrences"),
                        instant(rs, "first_seen"), instant(rs, "last_seen"),
                        new LogRecords.ErrorSample(rs.getString("sample_message"), rs.getString("sample_exception"),
                                rs.getString("sample_correlation_id"))))
                .list();
    }

    private LogRecords.LogEntry entry(ResultSet rs) throws SQLException {
        JsonNode attributes;
        try {
            attributes = mapper.readTree(rs.getString("attributes"));
        } catch (JsonProcessingException e) {
            throw new SQLException("system_log.attributes is not JSON", e);
        }
        return new LogRecords.LogEntry(rs.getLong("id"), instant(rs, "logged_at"), rs.getString("level"),
                rs.getString("logger"), rs.getString("thread"), rs.getString("message"), rs.getString("correlation_id"),
                rs.getString("trace_id"), rs.getString("span_id"), attributes, rs.getString("exception"),
                rs.getString("fingerprint"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String like(String value) {
        // '!' rather than a backslash: Jdbi's parser reads a backslash in a literal as an escape
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String clip(String text) {
        return text.length() <= MAX_EXCEPTION ? text : text.substring(0, MAX_EXCEPTION) + "…";
    }

    // PostgreSQL text cannot hold NUL characters; one in a log message must not fail the whole batch
    private static String clean(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** The events of one fingerprint within a batch. */
    private static final class GroupDelta {
        private final ErrorFingerprint print;
        private final String logger;
        private long count;
        private Instant first;
        private Instant last;
        private String sampleMessage;
        private String sampleException;
        private String sampleCorrelationId;

        GroupDelta(LogEvent event, ErrorFingerprint print) {
            this.print = print;
            this.logger = event.logger();
            this.first = event.timestamp();
            this.last = event.timestamp();
        }

        void add(LogEvent event, String exception) {
            count++;
            first = event.timestamp().isBefore(first) ? event.timestamp() : first;
            if (!event.timestamp().isBefore(last) || sampleMessage == null) {
                last = event.timestamp().isAfter(last) ? event.timestamp() : last;
                sampleMessage = event.message();
                sampleException = exception;
                sampleCorrelationId = event.correlationId();
            }
        }
    }
}
