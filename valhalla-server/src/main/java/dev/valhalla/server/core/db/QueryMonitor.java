package dev.valhalla.server.core.db;

import dev.valhalla.server.core.config.MonitorSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every statement run through Jdbi, grouped by normalized statement: count and errors since
 * start; mean, p95 and max over the last {@code window} samples; statements slower than the threshold
 * logged at WARN with the correlation id. Thread-safe: each statement's window has its own lock.
 */
public final class QueryMonitor implements SqlLogger {

    private static final Logger SLOW = LoggerFactory.getLogger("dev.valhalla.server.slow-query");
    // bounds memory when an application generates unbounded statement shapes
    private static final int MAX_STATEMENTS = 5_000;
    private static final String OTHER = "(other statements)";

    private final MonitorSettings settings;
    private final Map<String, Window> statements = new ConcurrentHashMap<>();
    private final Map<String, String> shapes = new ConcurrentHashMap<>();
    private final Timer timer;
    private final Counter errors;
    private final Counter slow;
    private final List<SqlLogger> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A monitor publishing its totals to {@code registry}. */
    public QueryMonitor(MonitorSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.timer = Timer.builder("valhalla.db.query").description("Statements run through the query monitor")
                .register(registry);
        this.errors = Counter.builder("valhalla.db.query.errors").description("Statements that failed").register(registry);
        this.slow = Counter.builder("valhalla.db.query.slow").description("Statements slower than the slow-query threshold")
                .register(registry);
    }

    /**
     * Adds a logger called after every statement on the executing thread, whether or not the monitor
     * itself records (tracing turns statements into spans this way).
     */
    public void addListener(SqlLogger listener) {
        listeners.add(listener);
    }

    /** Whether statements are recorded at all. */
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        if (settings.enabled()) {
            record(context.getRenderedSql(), context.getElapsedTime(ChronoUnit.NANOS), false);
        }
        for (SqlLogger listener : listeners) {
            listener.logAfterExecution(context);
        }
    }

    @Override
    public void logException(StatementContext context, SQLException exception) {
        if (settings.enabled()) {
            long nanos = context.getExecutionMoment() == null ? 0 : context.getElapsedTime(ChronoUnit.NANOS);
            record(context.getRenderedSql(), Math.max(0, nanos), true);
        }
        for (SqlLogger listener : listeners) {
            listener.logException(context, exception);
        }
    }

    /**
     * The normalized form of {@code sql}, remembered per statement text: an application runs the same
     * few texts over and over, and normalizing is a scan of the whole text. Bounded like the windows.
     */
    private String shapeOf(String sql) {
        String shape = shapes.get(sql);
        if (shape == null) {
            shape = StatementNormalizer.normalize(sql);
            if (shapes.size() < MAX_STATEMENTS) {
                shapes.put(sql, shape);
            }
        }
        return shape;
    }

    /** Records one execution of {@code sql} that took {@code nanos}. */
    public void record(String sql, long nanos, boolean failed) {
        String shape = shapeOf(sql == null ? "" : sql);
        Window window = statements.get(shape);
        if (window == null) {
            window = statements.size() >= MAX_STATEMENTS
                    ? statements.computeIfAbsent(OTHER, key -> new Window(settings.window()))
                    : statements.computeIfAbsent(shape, key -> new Window(settings.window()));
        }
        window.add(nanos, failed);
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (failed) {
            errors.increment();
        }
        if (nanos > settings.slowQueryThreshold().toNanos()) {
            slow.increment();
            SLOW.atWarn().addKeyValue("durationMs", nanos / 1_000_000.0).addKeyValue("statement", shape)
                    .addKeyValue("correlationId", MDC.get("correlationId"))
                    .log("Slow query ({} ms over the {} ms threshold): {}", nanos / 1_000_000,
                            settings.slowQueryThreshold().toMillis(), shape);
        }
    }

    /** The {@code limit} statements with the most total time in their windows, largest first. */
    public List<StatementStats> top(int limit) {
        return statements.entrySet().stream().map(e -> e.getValue().stats(e.getKey()))
                .sorted(Comparator.comparingDouble(StatementStats::totalMillis).reversed()).limit(limit).toList();
    }

    /** Statements slower than the threshold since start. */
    public long slowQueries() {
        return (long) slow.count();
    }

    /** Executions since start. */
    public long totalQueries() {
        return timer.count();
    }

    /** Failed executions since start. */
    public long failedQueries() {
        return (long) errors.count();
    }

    private static final class Window {
        private final long[] samples;
        private int next;
        private int size;
        private long count;
        private long errors;

        Window(int capacity) {
            samples = new long[capacity];
        }

        synchronized void add(long nanos, boolean failed) {
            samples[next] = nanos;
            next = (next + 1) % samples.length;
            size = Math.min(size + 1, samples.length);
            count++;
            if (failed) {
                errors++;
            }
        }

        StatementStats stats(String statement) {
            long[] copy;
            long countNow;
            long errorsNow;
            synchronized (this) {
                copy = Arrays.copyOf(samples, size);
                countNow = count;
                errorsNow = errors;
            }
            Arrays.sort(copy);
            long total = 0;
            for (long sample : copy) {
                total += sample;
            }
            int n = copy.length;
            double p95 = n == 0 ? 0 : copy[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
            return new StatementStats(statement, countNow, errorsNow, n, n == 0 ? 0 : millis(total) / n,
                    millis((long) p95), n == 0 ? 0 : millis(copy[n - 1]), millis(total));
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 1_000.0) / 1_000.0;
        }
    }
}
