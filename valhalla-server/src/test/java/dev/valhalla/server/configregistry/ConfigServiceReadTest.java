package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static dev.valhalla.server.configregistry.ConfigCalls.create;
import static dev.valhalla.server.configregistry.ConfigCalls.update;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigServiceReadTest {

    private TestDatabase db;
    private KeyTestServers.Started first;
    private KeyTestServers.Started second;
    private ApiClient admin;
    private ApiClient serviceOnFirst;
    private ApiClient serviceOnSecond;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        first = KeyTestServers.startServerApp(db, List.of());
        second = KeyTestServers.startServerApp(db, List.of());
        admin = new ApiClient(first.app().url()).withKey(first.adminKey());
        String reader = ConfigCalls.issueKey(admin, "checkout-service", "read");
        serviceOnFirst = new ApiClient(first.app().url()).withKey(reader);
        serviceOnSecond = new ApiClient(second.app().url()).withKey(reader);
    }

    @AfterEach
    void noConnectionIsLeftHeld() {
        ConfigCalls.assertNoConnectionsHeld(first.app());
        ConfigCalls.assertNoConnectionsHeld(second.app());
    }

    @AfterAll
    void stop() {
        second.app().close();
        first.app().close();
    }

    @Test
    void the_service_read_returns_typed_values_with_an_etag_and_304_while_unchanged() {
        create(admin, "orders/batch.size", "int", 50).expect(201);
        create(admin, "orders/poll.interval", "duration", "30s").expect(201);
        create(admin, "orders/routing", "json", java.util.Map.of("eu", "fra", "us", "iad")).expect(201);

        ApiClient.Response read = poll(serviceOnFirst, "orders", body -> body.path("entries").size() == 3);
        JsonNode entries = read.json().path("entries");
        assertThat(entries.path("batch.size").path("value").isIntegralNumber()).isTrue();
        assertThat(entries.path("batch.size").path("value").asLong()).isEqualTo(50);
        assertThat(entries.path("poll.interval").path("type").asText()).isEqualTo("duration");
        assertThat(entries.path("poll.interval").path("value").asText()).isEqualTo("PT30S");
        assertThat(entries.path("routing").path("value").path("eu").asText()).isEqualTo("fra");
        String etag = read.header("ETag").orElseThrow();

        ApiClient.Response unchanged = serviceOnFirst.get("/api/config/orders", "If-None-Match", etag).expect(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).contains(etag);
        serviceOnFirst.get("/api/config/orders", "If-None-Match", "W/" + etag).expect(304);
        serviceOnFirst.get("/api/config/orders", "If-None-Match", "\"something-else\"").expect(200);

        update(admin, "orders/batch.size", 1, "int", 75).expect(200);
        ApiClient.Response changed = poll(serviceOnFirst, "orders",
                body -> body.path("entries").path("batch.size").path("value").asLong() == 75);
        assertThat(changed.header("ETag")).isPresent().get().isNotEqualTo(etag);
        serviceOnFirst.get("/api/config/orders", "If-None-Match", etag).expect(200);

        JsonNode empty = serviceOnFirst.get("/api/config/nothing-here").expect(200).json();
        assertThat(empty.path("entries").size()).isZero();
    }

    @Test
    void a_change_on_one_instance_is_visible_on_another_within_a_second() {
        create(admin, "fleet/max.connections", "int", 10).expect(201);
        poll(serviceOnSecond, "fleet", body -> body.path("entries").path("max.connections").path("value").asLong() == 10);

        update(admin, "fleet/max.connections", 1, "int", 20).expect(200);
        long changedAt = System.nanoTime();
        ApiClient.Response seen = poll(serviceOnSecond, "fleet",
                body -> body.path("entries").path("max.connections").path("value").asLong() == 20);
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(1));
        // both instances render the same content, hence the same ETag
        assertThat(serviceOnFirst.get("/api/config/fleet").expect(200).header("ETag")).isEqualTo(seen.header("ETag"));

        admin.delete("/system/config/fleet/max.connections?reason=retired", "If-Match", "\"2\"").expect(204);
        poll(serviceOnSecond, "fleet", body -> body.path("entries").isEmpty());
    }

    @Test
    void service_reads_do_not_query_the_database() {
        create(admin, "quiet/level", "string", "info").expect(201);
        poll(serviceOnFirst, "quiet", body -> body.path("entries").has("level"));
        long before = configQueries(first);
        assertThat(before).as("the monitor sees the registry's own statements").isPositive();
        for (int i = 0; i < 50; i++) {
            serviceOnFirst.get("/api/config/quiet").expect(200);
        }
        // a reload triggered by the change notification may still land in this window; 50 reads must not add 50
        assertThat(configQueries(first) - before).isLessThanOrEqualTo(2);
    }

    private static long configQueries(KeyTestServers.Started server) {
        return server.app().database().monitor().top(10_000).stream()
                .filter(stats -> stats.statement().contains("config_entry"))
                .mapToLong(stats -> stats.count())
                .sum();
    }

    /** Reads until {@code done} holds, failing after one second. */
    private static ApiClient.Response poll(ApiClient client, String namespace, java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        ApiClient.Response last;
        do {
            last = client.get("/api/config/" + namespace).expect(200);
            if (done.test(last.json())) {
                return last;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not visible within a second: " + last.body());
    }
}
