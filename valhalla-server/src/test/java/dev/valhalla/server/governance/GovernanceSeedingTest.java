package dev.valhalla.server.governance;

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
class GovernanceSeedingTest {

    @Test
    void the_first_start_seeds_safe_defaults_and_restarts_keep_the_rows_and_their_changes(TestDatabase db) {
        KeyTestServers.Started first = KeyTestServers.startServerApp(db, List.of());
        String adminKey = first.adminKey();
        try {
            JsonNode state = new ApiClient(first.app().url()).withKey(adminKey).get("/system/governance/state").expect(200).json();
            assertThat(state.path("goLive").path("goLiveEnabled").asBoolean()).isFalse();
            assertThat(state.path("goLive").path("killSwitchEngaged").asBoolean()).isTrue();
            assertThat(state.path("goLive").path("changedBy").asText()).isEqualTo("system");
            assertThat(state.path("metadata").path("backendComplete").asBoolean()).isFalse();
            assertThat(state.path("metadata").path("completedAt").isNull()).isTrue();
            new ApiClient(first.app().url()).withKey(adminKey)
                    .post("/system/governance/kill-switch", Map.of("engaged", false, "reason", "first release")).expect(200);
        } finally {
            first.app().close();
        }

        for (int restart = 0; restart < 2; restart++) {
            KeyTestServers.Started again = KeyTestServers.startServerApp(db, List.of());
            try {
                ApiClient admin = new ApiClient(again.app().url()).withKey(adminKey);
                JsonNode goLive = admin.get("/system/governance/state").expect(200).json().path("goLive");
                assertThat(goLive.path("killSwitchEngaged").asBoolean()).isFalse();
                assertThat(goLive.path("reason").asText()).isEqualTo("first release");
                assertThat(new ApiClient(again.app().url()).get("/api/governance/runbook/status").expect(200).json()
                        .path("goLive").path("killSwitchEngaged").asBoolean()).isFalse();
            } finally {
                again.app().close();
            }
        }
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM go_live_state")).isEqualTo(1);
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM system_metadata")).isEqualTo(1);
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM audit_entry WHERE action = 'kill_switch.release'")).isEqualTo(1);
    }
}
