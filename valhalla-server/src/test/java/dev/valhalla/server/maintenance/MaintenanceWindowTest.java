package dev.valhalla.server.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.ratelimit.RateLimitSettings;
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
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled windows switch the shield on time, judged by an injected clock that only the test moves. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceWindowTest {

    private TestDatabase db;
    private EdgeTestServer server;
    private EdgeTestServer other;
    private ApiClient admin;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = EdgeTestServer.start(db, new MovableClock(Instant.parse("2030-06-01T12:00:00Z")), RateLimitSettings.defaults());
        other = EdgeTestServer.another(db, server, RateLimitSettings.defaults());
        admin = server.admin();
    }

    @AfterEach
    void cancelWindows() {
        for (JsonNode window : admin.get("/system/maintenance").expect(200).json().path("windows")) {
            if (window.path("endedAt").isNull()) {
                admin.delete("/system/maintenance/" + window.path("id").asLong()).expect(204);
            }
        }
    }

    @AfterAll
    void stop() {
        other.close();
        server.close();
    }

    private JsonNode schedule(String state, Duration startsIn, Duration lasts) {
        Instant start = server.clock.instant().plus(startsIn);
        return admin.post("/system/maintenance", Map.of("state", state, "startsAt", start.toString(),
                "endsAt", start.plus(lasts).toString(), "reason", "database upgrade")).expect(201).json();
    }

    private ApiClient.Response write(EdgeTestServer target) {
        return target.anonymous().send("POST", "/test/limited", null, null);
    }

    private long audited(String action, long windowId) {
        return EdgeTestServer.count(db, "SELECT count(*) FROM audit_entry WHERE action = '" + action
                + "' AND target_id = '" + windowId + "'");
    }

    @Test
    void a_read_only_window_refuses_writes_from_its_start_to_its_end_with_retry_after_its_end() {
        long id = schedule("read_only", Duration.ofMinutes(10), Duration.ofMinutes(20)).path("id").asLong();
        write(server).expect(201);

        server.clock.advance(Duration.ofMinutes(10));
        server.maintenance.shield().tick();

        ApiClient.Response refused = write(server);
        refused.problem(503, "READ_ONLY_MODE");
        assertThat(refused.header("Retry-After")).hasValue(Long.toString(Duration.ofMinutes(20).toSeconds()));
        server.anonymous().get("/test/limited").expect(200);
        JsonNode state = admin.get("/system/maintenance/state").expect(200).json();
        assertThat(state.path("effective").path("state").asText()).isEqualTo("read_only");
        assertThat(state.path("effective").path("source").asText()).isEqualTo("window");
        assertThat(state.path("effective").path("windowId").asLong()).isEqualTo(id);
        assertThat(state.path("retryAfterSeconds").asLong()).isEqualTo(1200);
        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM maintenance_window WHERE began_at IS NOT NULL AND id = " + id)).isEqualTo(1);
        assertThat(audited("maintenance_window.begin", id)).isEqualTo(1);

        server.clock.advance(Duration.ofMinutes(15));
        server.maintenance.shield().tick();
        assertThat(write(server).problem(503, "READ_ONLY_MODE")).isNotNull();
        assertThat(write(server).header("Retry-After")).hasValue(Long.toString(Duration.ofMinutes(5).toSeconds()));

        server.clock.advance(Duration.ofMinutes(5));
        server.maintenance.shield().tick();

        write(server).expect(201);
        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM maintenance_window WHERE ended_at IS NOT NULL AND id = " + id)).isEqualTo(1);
        assertThat(audited("maintenance_window.end", id)).isEqualTo(1);
    }

    @Test
    void a_maintenance_window_refuses_everyone_but_admins_and_its_start_is_recorded_once_across_instances() {
        long id = schedule("maintenance", Duration.ofMinutes(1), Duration.ofMinutes(30)).path("id").asLong();
        String reader = server.issueKey("reader", "read");
        Polling.awaitWindows(other, 1);
        // the clients fetch the OpenAPI document on first use, and the shield will refuse that public route
        Map<EdgeTestServer, ApiClient[]> clients = new java.util.LinkedHashMap<>();
        for (EdgeTestServer instance : new EdgeTestServer[] {server, other}) {
            ApiClient anonymous = instance.anonymous();
            anonymous.get("/test/limited").expect(200);
            clients.put(instance, new ApiClient[] {anonymous, anonymous.withKey(reader), anonymous.withKey(instance.adminKey)});
        }

        server.clock.advance(Duration.ofMinutes(1));
        server.maintenance.shield().tick();
        other.maintenance.shield().tick();

        for (ApiClient[] client : clients.values()) {
            ApiClient.Response refused = client[1].get("/test/quota");
            refused.problem(503, "MAINTENANCE_MODE");
            assertThat(refused.header("Retry-After")).hasValue(Long.toString(Duration.ofMinutes(30).toSeconds()));
            client[0].get("/test/limited").problem(503, "MAINTENANCE_MODE");
            client[2].get("/system/rate-limits").expect(200);
            client[2].get("/test/quota").expect(200);
        }
        assertThat(audited("maintenance_window.begin", id)).isEqualTo(1);
    }

    @Test
    void cancelling_a_running_window_ends_it_at_once() {
        long id = schedule("read_only", Duration.ZERO, Duration.ofHours(1)).path("id").asLong();
        write(server).problem(503, "READ_ONLY_MODE");

        admin.delete("/system/maintenance/" + id + "?reason=done%20early").expect(204);

        write(server).expect(201);
        assertThat(audited("maintenance_window.delete", id)).isEqualTo(1);
    }

    @Test
    void a_window_can_be_moved_before_it_ends() {
        long id = schedule("read_only", Duration.ofHours(1), Duration.ofHours(1)).path("id").asLong();
        Instant now = server.clock.instant();
        ApiClient anonymous = server.anonymous();
        anonymous.get("/test/limited").expect(200);

        JsonNode moved = admin.put("/system/maintenance/" + id, Map.of("state", "maintenance", "startsAt", now.toString(),
                "endsAt", now.plus(Duration.ofMinutes(5)).toString(), "reason", "moved forward")).expect(200).json();

        assertThat(moved.path("state").asText()).isEqualTo("maintenance");
        anonymous.get("/test/limited").problem(503, "MAINTENANCE_MODE");
        assertThat(admin.get("/system/maintenance/" + id).expect(200).json().path("reason").asText()).isEqualTo("moved forward");
        assertThat(audited("maintenance_window.update", id)).isEqualTo(1);
    }
}
