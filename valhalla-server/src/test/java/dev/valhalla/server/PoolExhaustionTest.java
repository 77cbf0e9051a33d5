package dev.valhalla.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.valhalla.server.TestServers.get;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class PoolExhaustionTest {

    @Test
    void excess_requests_get_503_with_retry_after_instead_of_hanging(TestDatabase db) throws Exception {
        try (ServerApp app = TestServers.start(db, "VALHALLA_POOL_MAX_SIZE", "2", "VALHALLA_POOL_MIN_IDLE", "2",
                "VALHALLA_POOL_ACQUIRE_TIMEOUT", "1s")) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    futures.add(clients.submit(() -> get(app, "/test/slow?seconds=3")));
                }
                for (Future<HttpResponse<String>> future : futures) {
                    // nothing hangs: every request answers well within the slow query plus the timeout
                    responses.add(future.get(20, TimeUnit.SECONDS));
                }
            }
            List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 503).toList();
            assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isBetween(2L, 4L);
            assertThat(refused).hasSizeGreaterThanOrEqualTo(16);
            ObjectMapper json = new ObjectMapper();
            for (HttpResponse<String> response : refused) {
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                JsonNode problem = json.readTree(response.body());
                assertThat(problem.path("code").asText()).isEqualTo("POOL_EXHAUSTED");
                assertThat(problem.path("detail").asText()).contains("active=2", "max=2", "waiting=");
            }
            HttpResponse<String> after = get(app, "/test/count");
            assertThat(after.statusCode()).isEqualTo(200);
            // background writers (system log, spans, last-used) borrow connections briefly: wait for them
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (app.database().pools().get(0).active() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(app.database().pools().get(0).active()).isZero();
        }
    }
}
