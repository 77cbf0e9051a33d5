package dev.valhalla.server.systemlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.server.tracing.TracingSettings;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static dev.valhalla.server.systemlog.ObservedServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log and span tables locked by another session (ACCESS EXCLUSIVE): the writers block on them,
 * requests do not, the small queues overflow into the drop counters, and once the lock is released
 * the writers catch up.
 */
@ExtendWith(PostgresExtension.class)
class StalledWritersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int REQUESTS = 200;

    @Test
    void requests_finish_while_the_writers_are_stalled_and_drops_are_counted_until_they_recover(TestDatabase db)
            throws Exception {
        SystemLogSettings log = new SystemLogSettings(ch.qos.logback.classic.Level.INFO, 50, 20, Duration.ofMillis(100));
        TracingSettings trace = new TracingSettings(1.0, 50, 20, Duration.ofMillis(100));
        try (ObservedServer server = ObservedServer.start(db, log, trace)) {
            ApiClient admin = server.api("admin");
            String before = "before-" + UUID.randomUUID();
            server.get("/obs/log?message=" + before);
            eventually(WAIT, "the writer to work", () ->
                    admin.get("/system/logs?q=" + before).expect(200).json().path("events").isEmpty() ? null : true);

            try (Connection lock = db.connect(); Statement statement = lock.createStatement()) {
                lock.setAutoCommit(false);
                statement.execute("LOCK TABLE system_log, trace_span IN ACCESS EXCLUSIVE MODE");
                String during = "during-" + UUID.randomUUID();

                List<Integer> statuses = concurrently(server, "/obs/items", "/obs/log?message=" + during);

                assertThat(statuses).hasSize(REQUESTS).containsOnly(200);
                eventually(WAIT, "log and span drops", () -> server.counter("valhalla.systemlog.dropped") > 0
                        && server.counter("valhalla.tracing.spans.dropped") > 0 ? true : null);
                // the lock is still held: nothing of the stalled period reached the tables
                assertThat(countOnLockHolder(statement, "SELECT count(*) FROM system_log WHERE message LIKE '%" + during + "%'"))
                        .isZero();
                String metrics = server.get("/metrics").body();
                assertThat(metrics).containsPattern("valhalla_systemlog_dropped_total(\\{[^}]*})? [1-9]");
                assertThat(metrics).containsPattern("valhalla_tracing_spans_dropped_total(\\{[^}]*})? [1-9]");
                lock.rollback();
            }

            // right after the release the small queues may still be full of the stalled period's items, so a
            // new event or span can still be dropped: each attempt sends a fresh one until one is written
            JsonNode tree = eventually(WAIT, "the log and span writers to recover", () -> {
                String after = "after-" + UUID.randomUUID();
                HttpResponse<String> traced = server.get("/obs/items");
                server.get("/obs/log?message=" + after);
                String traceId = traced.headers().firstValue("traceparent").orElseThrow().split("-")[1];
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < deadline) {
                    ApiClient.Response spans = admin.get("/system/traces/" + traceId);
                    boolean logged = !admin.get("/system/logs?q=" + after).expect(200).json().path("events").isEmpty();
                    if (logged && spans.status() == 200) {
                        return spans.json();
                    }
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                return null;
            });
            assertThat(tree.path("spanCount").asInt()).isEqualTo(3);
        }
    }

    private static List<Integer> concurrently(ObservedServer server, String... paths) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < REQUESTS; i++) {
                String path = paths[i % paths.length];
                futures.add(executor.submit(() -> server.get(path).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        }
    }

    private static long countOnLockHolder(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
