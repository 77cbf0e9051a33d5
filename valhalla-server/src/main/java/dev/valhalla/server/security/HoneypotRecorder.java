package dev.valhalla.server.security;

import dev.valhalla.server.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes honeypot hits asynchronously and blocks sources that cross a honeypot's threshold. Requests
 * only {@link #record offer} a hit to a bounded queue ({@value #CAPACITY}; when full the hit is dropped
 * and counted). One virtual thread writes hits in batches of up to {@value #BATCH}, then for each
 * (honeypot, address) of the batch counts the hits in the honeypot's window and, at the threshold,
 * creates an expiring block rule in the same transaction (audited as {@code system}, announced to every
 * instance). The same thread flushes the {@link HitLedger} every flush interval. Thread-safe.
 */
final class HoneypotRecorder {

    static final int CAPACITY = 10_000;
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(HoneypotRecorder.class);

    private final Database database;
    private final SecurityAdmin admin;
    private final HitLedger ledger;
    private final Duration flushInterval;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private volatile boolean running;
    private Thread writer;

    private record Pending(Honeypot honeypot, HoneypotHit hit) {
    }

    HoneypotRecorder(Database database, SecurityAdmin admin, HitLedger ledger, Duration flushInterval) {
        this.database = database;
        this.admin = admin;
        this.ledger = ledger;
        this.flushInterval = flushInterval;
    }

    /** Queues a hit; never blocks. */
    void record(Honeypot honeypot, HoneypotHit hit) {
        if (!queue.offer(new Pending(honeypot, hit))) {
            dropped.increment();
        }
    }

    long dropped() {
        return dropped.sum();
    }

    long written() {
        return written.sum();
    }

    synchronized void start() {
        running = true;
        writer = Thread.ofVirtual().name("valhalla-security-writer").start(this::run);
    }

    /** Stops the writer after writing what is queued (bounded by 5 s). */
    void stop() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = writer;
        }
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeQueued();
    }

    private void run() {
        long nextFlush = System.nanoTime() + flushInterval.toNanos();
        while (running) {
            try {
                Pending first = queue.poll(Math.max(1, (nextFlush - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Pending> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
                if (System.nanoTime() - nextFlush >= 0) {
                    ledger.flush();
                    nextFlush = System.nanoTime() + flushInterval.toNanos();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // recover: the database may be away; counts stay in the ledger, this batch of hits is lost
                LOG.warn("Writing security telemetry failed: {}", e.toString());
            }
        }
    }

    /** Writes whatever is queued now, on the caller's thread (shutdown and tests). */
    synchronized void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        queue.drainTo(batch);
        for (int from = 0; from < batch.size(); from += BATCH) {
            write(batch.subList(from, Math.min(batch.size(), from + BATCH)));
        }
    }

    private void write(List<Pending> batch) {
        boolean blocked = database.inTransaction(handle -> {
            SecurityStore store = new SecurityStore(handle);
            store.insertHits(batch.stream().map(Pending::hit).toList());
            Map<String, Pending> sources = new LinkedHashMap<>();
            for (Pending pending : batch) {
                sources.putIfAbsent(pending.honeypot().id() + " " + pending.hit().address(), pending);
            }
            boolean any = false;
            for (Pending source : sources.values()) {
                Honeypot honeypot = source.honeypot();
                if (honeypot.blockThreshold() == 0) {
                    continue;
                }
                long hits = store.hitsSince(honeypot.id(), source.hit().address(),
                        admin.now().minusSeconds(honeypot.windowSeconds()));
                if (hits >= honeypot.blockThreshold()) {
                    any |= admin.blockHoneypotSource(handle, honeypot, source.hit().address(), hits);
                }
            }
            return any;
        });
        written.add(batch.size());
        if (blocked) {
            LOG.info("Honeypot sources blocked after crossing their threshold");
        }
    }
}
