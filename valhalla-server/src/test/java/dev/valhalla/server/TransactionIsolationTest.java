package dev.valhalla.server;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.valhalla.server.TestServers.get;
import static dev.valhalla.server.TestServers.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class TransactionIsolationTest {

    @Test
    void a_request_failing_mid_transaction_never_poisons_the_following_ones(TestDatabase db) throws Exception {
        try (ServerApp app = TestServers.start(db, "VALHALLA_POOL_MAX_SIZE", "3", "VALHALLA_POOL_MIN_IDLE", "3")) {
            long before = count(db);
            List<HttpResponse<String>> responses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> n % 10 == 0
                            ? post(app, "/test/fail-mid-transaction", "application/json", "{}")
                            : n % 2 == 0 ? get(app, "/test/count")
                            : post(app, "/test/items", "application/json", "{\"name\": \"i" + n + "\", \"quantity\": 1}")));
                }
                for (Future<HttpResponse<String>> future : futures) {
                    responses.add(future.get());
                }
            }
            assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain("current transaction is aborted"));
            long failures = responses.stream().filter(r -> r.statusCode() == 500).count();
            assertThat(failures).isEqualTo(30);
            assertThat(responses.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(150);
            assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(120);
            // the failed requests' first inserts were rolled back: only the successful inserts remain
            assertThat(count(db)).isEqualTo(before + 150);
            assertThat(app.database().rolledBackAtClose()).isZero();
            // background writers (system log, last-used times) may be between two statements of their own
            // transaction at any instant; a connection returned inside a transaction would stay so for good
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long inside = sessionsInsideTransaction(db);
            while (inside > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                inside = sessionsInsideTransaction(db);
            }
            assertThat(inside).isZero();
        }
    }

    private static long count(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM test_item")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sessionsInsideTransaction(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'valhalla-%'"
                     + " AND state LIKE 'idle in transaction%' AND datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
