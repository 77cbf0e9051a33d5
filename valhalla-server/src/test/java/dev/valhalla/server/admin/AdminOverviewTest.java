package dev.valhalla.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class AdminOverviewTest {

    @Test
    void shows_go_live_maintenance_blocks_and_pools_as_they_change(TestDatabase db) {
        KeyTestServers.Started started = KeyTestServers.startServerApp(db, List.of());
        try (var app = started.app()) {
            ApiClient admin = new ApiClient(app.url()).withKey(started.adminKey());

            JsonNode fresh = admin.get("/system/admin").expect(200).json();
            assertThat(fresh.path("goLive").path("killSwitchEngaged").asBoolean()).isTrue();
            assertThat(fresh.path("goLive").path("enabled").asBoolean()).isFalse();
            assertThat(fresh.path("maintenance").path("state").asText()).isEqualTo("normal");
            assertThat(fresh.path("security").path("activeBlocks").asLong()).isZero();
            assertThat(fresh.path("pendingWork").path("schema").asText()).isEqualTo("AT_HEAD");
            assertThat(fresh.path("pools").get(0).path("name").asText()).isEqualTo("write");
            assertThat(fresh.path("pools").get(0).path("max").asInt()).isPositive();

            admin.post("/system/governance/kill-switch", Map.of("engaged", false, "reason", "go")).expect(200);
            long policy = admin.get("/system/security/policies").expect(200).json().findValues("id").get(0).asLong();
            admin.post("/system/security/blocklist", Map.of("policyId", policy, "kind", "ip", "value", "203.0.113.7",
                    "reason", "abuse")).expect(201);

            JsonNode changed = admin.get("/system/admin").expect(200).json();
            assertThat(changed.path("goLive").path("killSwitchEngaged").asBoolean()).isFalse();
            assertThat(changed.path("security").path("activeBlocks").asLong()).isEqualTo(1);
        }
    }

    @Test
    void needs_a_key_with_read_scope(TestDatabase db) {
        KeyTestServers.Started started = KeyTestServers.startServerApp(db, List.of());
        try (var app = started.app()) {
            new ApiClient(app.url()).get("/system/admin").problem(401, "API_KEY_MISSING");
        }
    }
}
