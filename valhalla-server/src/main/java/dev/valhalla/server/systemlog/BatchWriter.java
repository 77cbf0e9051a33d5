package dev.valhalla.server.systemlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue drained by one background virtual thread that hands the items to a {@link Sink} in
 * batches: as soon as {@code batchSize} items wait, or {@code flushInterval} after the first item of a
 * batch arrived. {@link #offer} never blocks: when the queue is full the item is dropped and counted in
 * {@code <metric>.dropped} (Prometheus {@code <metric>_dropped_total}). A failing batch is retried with
 * backoff up to {@code attempts} times, then dropped and counted too; meanwhile new items queue up or
 * are dropped, so a stalled database never slows the callers.
 *
 * <p>The writer thread logs its own failures only on the first failure of a streak and on recovery;
 * whoever feeds the queue from a log appender must ignore events of {@link #isWriterThread() the
 * writer thread} so a failing write never feeds itself. Thread-safe.
 *
 * @param <T> the queued item
 */
public final class BatchWriter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** Writes one batch; throws to have it retried. */
    @FunctionalInterface
    public interface Sink<T> {
        /** Writes every item of {@code batch} (a transaction: all or nothing). */
        void write(List<T> batch) throws Exception;
    }

    /**
     * How much is queued and how it is written.
     *
     * @param capacity      items the queue holds before it drops
     * @param batchSize     most items per write
     * @param flushInterval longest wait between the first queued item and its write
     * @param attempts      writes of one batch before it is dropped
     */
    public record Limits(int capacity, int batchSize, Duration flushInterval, int attempts) {
        public Limits {
            if (capacity < 1 || batchSize < 1 || attempts < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException("invalid batch writer limits: " + capacity + ", " + batchSize
                        + ", " + flushInterval + ", " + attempts);
            }
        }
    }

    private final String name;
    private final Sink<T> sink;
    private final Limits limits;
    private final BlockingQueue<T> queue;
    private final Counter dropped;
    private final Counter failures;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;
    private boolean failing;

    /**
     * @param name   names the thread ({@code valhalla-<name>-writer}) and appears in messages
     * @param metric prefix of the meters, e.g. {@code valhalla.systemlog}
     */
    public BatchWriter(String name, String metric, Sink<T> sink, Limits limits, MeterRegistry registry) {
        this.name = name;
        this.sink = sink;
        this.limits = limits;
        this.queue = new ArrayBlockingQueue<>(limits.capacity());
        this.dropped = Counter.builder(metric + ".dropped").description("Items dropped: queue full or write failed")
                .register(registry);
        this.failures = Counter.builder(metric + ".write.failures").description("Failed batch writes (each retry counts)")
                .register(registry);
        Gauge.builder(metric + ".queued", queue, BlockingQueue::size).description("Items waiting to be written")
                .register(registry);
    }

    /** Starts the writer thread. Idempotent. */
    public synchronized BatchWriter<T> start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofVirtual().name("valhalla-" + name + "-writer").start(this::run);
        }
        return this;
    }

    /** Queues {@code item} without waiting; false (and counted as dropped) when the queue is full or stopped. */
    public boolean offer(T item) {
        if (running && queue.offer(item)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Whether the calling thread is this writer's own thread. */
    public boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Items dropped since start. */
    public long dropped() {
        return (long) dropped.count();
    }

    /** Items written since start. */
    public long written() {
        return written.get();
    }

    /** Items waiting. */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops taking items, writes what is queued (waiting up to 10 s), then stops the thread. Idempotent.
     */
    @Override
    public void close() {
        Thread writer;
        synchronized (this) {
            running = false;
            writer = thread;
        }
        if (writer == null) {
            return;
        }
        try {
            if (!writer.join(STOP_WAIT)) {
                writer.interrupt();
                writer.join(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            dropped.increment(left);
            queue.clear();
            LOG.warn("The {} writer stopped with {} items unwritten", name, left);
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(limits.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                fill(batch);
            } catch (InterruptedException e) {
                if (running) {
                    continue;
                }
                queue.drainTo(batch, limits.batchSize() - batch.size());
            }
            if (!batch.isEmpty()) {
                writeWithRetry(batch);
                batch.clear();
            }
        }
    }

    private void fill(List<T> batch) throws InterruptedException {
        long interval = limits.flushInterval().toNanos();
        T first = queue.poll(interval, TimeUnit.NANOSECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + interval;
        while (batch.size() < limits.batchSize()) {
            queue.drainTo(batch, limits.batchSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= limits.batchSize() || left <= 0 || !running) {
                return;
            }
            T next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void writeWithRetry(List<T> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(batch);
                written.addAndGet(batch.size());
                if (failing) {
                    failing = false;
                    LOG.info("The {} writer recovered; {} items queued", name, queue.size());
                }
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures.increment();
                if (!failing) {
                    failing = true;
                    // logged on the writer thread, which the system log appender ignores: no feedback loop
                    LOG.warn("The {} writer failed to write {} items (attempt {} of {}): {}", name, batch.size(),
                            attempt, limits.attempts(), e.toString());
                }
                if (attempt >= limits.attempts() || !running || !pause(attempt)) {
                    dropped.increment(batch.size());
                    return;
                }
            }
        }
    }

    private boolean pause(int attempt) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), limits.flushInterval().toMillis() << Math.min(attempt, 10));
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
