package dev.valhalla.server.keys;

import dev.valhalla.server.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code api_key.last_used_at} current without a write per request: the first use of a key, then
 * at most one use per {@link #INTERVAL} per key, is written asynchronously by one background thread,
 * off the request path. Precision is therefore one minute per instance. Thread-safe.
 */
final class LastUsedRecorder {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(LastUsedRecorder.class);

    private final Database database;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("valhalla-key-last-used").daemon().factory());

    LastUsedRecorder(Database database) {
        this.database = database;
    }

    /** Notes that {@code keyId} authenticated a request at {@code now}. */
    void used(String keyId, Instant now) {
        boolean[] due = {false};
        written.compute(keyId, (id, last) -> {
            if (last == null || !now.isBefore(last.plus(INTERVAL))) {
                due[0] = true;
                return now;
            }
            return last;
        });
        if (due[0]) {
            try {
                writer.execute(() -> write(keyId, now));
            } catch (RejectedExecutionException e) {
                // shutting down: the last minute of usage is not recorded, by design
                LOG.debug("Not recording last use of key {}: stopping", keyId);
            }
        }
    }

    /** Writes what is queued, then stops; waits at most {@code timeout}. */
    void stop(Duration timeout) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void write(String keyId, Instant at) {
        try {
            database.executeWithRetry(handle -> handle.createUpdate("""
                            UPDATE api_key SET last_used_at = :at
                            WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)""")
                    .bind("id", keyId).bind("at", KeyStore.time(at)).execute());
        } catch (RuntimeException e) {
            // recover: last-used is informational; the next use after the interval writes again
            written.remove(keyId);
            LOG.warn("Could not record the last use of API key {}: {}", keyId, e.toString());
        }
    }
}
