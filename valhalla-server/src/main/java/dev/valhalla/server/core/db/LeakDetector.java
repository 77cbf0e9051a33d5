package dev.valhalla.server.core.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports units of work that hold a connection longer than the threshold (a likely leak or a stuck
 * request), once each, with the correlation id and thread that opened them. Complements HikariCP's
 * own leak detection, which catches connections taken outside a unit of work. Thread-safe.
 */
final class LeakDetector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);

    private final Duration threshold;
    private final Map<Object, Holder> open = new ConcurrentHashMap<>();
    private final Counter leaks;
    private final ScheduledExecutorService scanner;

    private record Holder(long openedNanos, String thread, String correlationId, boolean[] reported) {
    }

    LeakDetector(Duration threshold, MeterRegistry registry) {
        this.threshold = threshold;
        this.leaks = Counter.builder("valhalla.db.connection.leaks")
                .description("Connections held longer than the leak detection threshold").register(registry);
        if (threshold.isZero()) {
            scanner = null;
        } else {
            scanner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("valhalla-leak-scan").factory());
            long period = Math.max(50, threshold.toMillis() / 4);
            scanner.scheduleAtFixedRate(this::scan, period, period, TimeUnit.MILLISECONDS);
        }
    }

    void opened(Object unit, String correlationId) {
        if (scanner != null) {
            open.put(unit, new Holder(System.nanoTime(), Thread.currentThread().getName(), correlationId, new boolean[1]));
        }
    }

    void closed(Object unit) {
        open.remove(unit);
    }

    long detected() {
        return (long) leaks.count();
    }

    private void scan() {
        long now = System.nanoTime();
        open.values().forEach(holder -> {
            long heldMillis = (now - holder.openedNanos()) / 1_000_000;
            if (heldMillis > threshold.toMillis() && !holder.reported()[0]) {
                holder.reported()[0] = true;
                leaks.increment();
                LOG.atWarn().addKeyValue("correlationId", holder.correlationId())
                        .log("Connection held for {} ms (threshold {} ms) by thread {}, request {}: possible leak",
                                heldMillis, threshold.toMillis(), holder.thread(), holder.correlationId());
            }
        });
    }

    @Override
    public void close() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }
}
