package dev.valhalla.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoLiveTest {

    /** A blocking check the tests open and close. */
    static final class Gate implements Feature, RunbookContributor {
        final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public void register(Routes routes) {
        }

        @Override
        public List<RunbookCheck> runbookChecks() {
            return List.of(new BuiltInChecks.Named("test-gate", "Test gate", true,
                    handle -> open.get() ? CheckResult.pass("open") : CheckResult.fail("closed by the test")));
        }
    }

    private final Gate gate = new Gate();
    private TestDatabase db;
    private KeyTestServers.Started server;
    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = KeyTestServers.startServerApp(db, List.of(gate));
        anonymous = new ApiClient(server.app().url());
        admin = anonymous.withKey(server.adminKey());
    }

    @AfterAll
    void stop() {
        server.app().close();
    }

    @AfterEach
    void reopenGate() {
        gate.open.set(true);
    }

    private long audited(String action) {
        return KeyTestServers.count(db, "SELECT count(*) FROM audit_entry WHERE action = '" + action + "'");
    }

    @Test
    void go_live_is_refused_while_a_blocking_check_fails_and_enabled_and_audited_once_all_pass() {
        admin.put("/system/governance/metadata", Map.of("version", "1.0", "backendComplete", false, "reason", "not yet"))
                .expect(200);
        JsonNode refused = admin.post("/system/governance/go-live", Map.of("enabled", true, "reason", "launch"))
                .problem(409, "GO_LIVE_BLOCKED");
        assertThat(refused.path("failingChecks").findValuesAsText("id")).contains("backend-complete");
        assertThat(refused.path("detail").asText()).contains("backend-complete");
        assertThat(audited("go_live.enable")).isZero();
        assertThat(admin.get("/system/governance/state").expect(200).json().path("goLive").path("goLiveEnabled").asBoolean()).isFalse();

        admin.put("/system/governance/metadata", Map.of("version", "1.0", "backendComplete", true, "notes", "all parts done",
                "reason", "backend finished")).expect(200);
        JsonNode enabled = admin.post("/system/governance/go-live", Map.of("enabled", true, "reason", "launch day"))
                .expect(200).json();

        assertThat(enabled.path("goLiveEnabled").asBoolean()).isTrue();
        assertThat(enabled.path("reason").asText()).isEqualTo("launch day");
        assertThat(enabled.path("changedBy").asText()).isNotBlank().isNotEqualTo("system");
        assertThat(audited("go_live.enable")).isEqualTo(1);
        JsonNode entry = admin.get("/system/audit?action=go_live.enable").expect(200).json().path("entries").get(0);
        assertThat(entry.path("reason").asText()).isEqualTo("launch day");
        assertThat(entry.path("before").path("goLiveEnabled").asBoolean()).isFalse();
        assertThat(entry.path("after").path("goLiveEnabled").asBoolean()).isTrue();
        assertThat(entry.path("actor").asText()).isEqualTo(enabled.path("changedBy").asText());

        gate.open.set(false);
        assertThat(admin.post("/system/governance/go-live", Map.of("enabled", true, "reason", "again"))
                .problem(409, "GO_LIVE_BLOCKED").path("failingChecks").findValuesAsText("id")).containsExactly("test-gate");
        JsonNode disabled = admin.post("/system/governance/go-live", Map.of("enabled", false, "reason", "disabling always works"))
                .expect(200).json();
        assertThat(disabled.path("goLiveEnabled").asBoolean()).isFalse();
        assertThat(audited("go_live.disable")).isEqualTo(1);
    }

    @Test
    void engaging_the_kill_switch_succeeds_at_once_even_while_checks_fail_and_every_change_is_audited() {
        gate.open.set(false);
        long engagedBefore = audited("kill_switch.engage");

        JsonNode released = admin.post("/system/governance/kill-switch", Map.of("engaged", false, "reason", "service ready"))
                .expect(200).json();
        assertThat(released.path("killSwitchEngaged").asBoolean()).isFalse();
        assertThat(killSwitchInStatus()).isFalse();

        JsonNode engaged = admin.post("/system/governance/kill-switch", Map.of("engaged", true, "reason", "incident 42"))
                .expect(200).json();

        assertThat(engaged.path("killSwitchEngaged").asBoolean()).isTrue();
        assertThat(engaged.path("reason").asText()).isEqualTo("incident 42");
        assertThat(killSwitchInStatus()).isTrue();
        assertThat(audited("kill_switch.engage")).isEqualTo(engagedBefore + 1);
        assertThat(audited("kill_switch.release")).isGreaterThanOrEqualTo(1);
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM go_live_state WHERE kill_switch_engaged AND reason = 'incident 42'"))
                .isEqualTo(1);
    }

    @Test
    void another_instance_on_the_same_database_sees_the_kill_switch_change_without_a_restart() {
        KeyTestServers.Started other = KeyTestServers.startServerApp(db, List.of());
        try {
            ApiClient otherAnonymous = new ApiClient(other.app().url());
            boolean engaged = killSwitchInStatus();

            admin.post("/system/governance/kill-switch", Map.of("engaged", !engaged, "reason", "flip from instance one"))
                    .expect(200);

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            boolean seen;
            do {
                seen = otherAnonymous.get("/api/governance/runbook/status").expect(200).json()
                        .path("goLive").path("killSwitchEngaged").asBoolean() == !engaged;
            } while (!seen && System.nanoTime() < deadline);
            assertThat(seen).as("the other instance's kill switch follows the change").isTrue();
        } finally {
            other.app().close();
        }
    }

    @Test
    void a_change_without_a_reason_is_a_422_naming_the_field_and_changes_nothing() {
        long before = KeyTestServers.count(db, "SELECT count(*) FROM audit_entry");
        boolean engaged = killSwitchInStatus();

        JsonNode missing = admin.post("/system/governance/kill-switch", Map.of("engaged", !engaged))
                .problem(422, "VALIDATION_FAILED");
        JsonNode blank = admin.post("/system/governance/go-live", Map.of("enabled", false, "reason", "  "))
                .problem(422, "VALIDATION_FAILED");
        JsonNode metadata = admin.put("/system/governance/metadata", "{\"backendComplete\": \"yes\"}")
                .problem(422, "VALIDATION_FAILED");

        assertThat(missing.path("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(blank.path("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(metadata.path("errors").findValuesAsText("field")).contains("backendComplete");
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM audit_entry")).isEqualTo(before);
        assertThat(killSwitchInStatus()).isEqualTo(engaged);
    }

    @Test
    void the_admin_routes_need_a_key() {
        anonymous.get("/system/governance/state").problem(401, "API_KEY_MISSING");
        anonymous.post("/system/governance/kill-switch", Map.of("engaged", false, "reason", "no key")).problem(401, "API_KEY_MISSING");
    }

    private boolean killSwitchInStatus() {
        return anonymous.get("/api/governance/runbook/status").expect(200).json().path("goLive").path("killSwitchEngaged").asBoolean();
    }
}
