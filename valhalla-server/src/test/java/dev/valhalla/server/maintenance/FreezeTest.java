package dev.valhalla.server.maintenance;

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

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The freeze switch refuses configuration changes unless an admin breaks glass, which is audited. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreezeTest {

    private static final Map<String, Object> POLICY = Map.of("name", "frozen-out", "algorithm", "token_bucket",
            "limit", 5, "windowSeconds", 60, "key", "ip", "pathPrefix", "/test/limited");

    private TestDatabase db;
    private EdgeTestServer server;
    private ApiClient admin;
    private ApiClient writer;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = EdgeTestServer.start(db, new MovableClock(Instant.parse("2030-02-01T09:00:00Z")), RateLimitSettings.defaults());
        admin = server.admin();
        writer = server.anonymous().withKey(server.issueKey("writer", "read", "write"));
        admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", true, "reason", "release freeze")).expect(200);
    }

    @AfterEach
    void refreeze() {
        admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", true, "reason", "release freeze")).expect(200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private long count(String sql) {
        return EdgeTestServer.count(db, sql);
    }

    @Test
    void a_frozen_configuration_refuses_a_rate_limit_change_and_writes_nothing() {
        long audit = count("SELECT count(*) FROM audit_entry");

        admin.post("/system/rate-limits", POLICY).problem(423, "CONFIGURATION_FROZEN");
        admin.put("/system/rate-limits/frozen-out", POLICY).problem(423, "CONFIGURATION_FROZEN");
        admin.delete("/system/rate-limits/frozen-out").problem(423, "CONFIGURATION_FROZEN");
        admin.post("/system/rate-limits", POLICY, "X-Break-Glass-Reason", "   ").problem(423, "CONFIGURATION_FROZEN");

        assertThat(count("SELECT count(*) FROM rate_limit_policy")).isZero();
        assertThat(count("SELECT count(*) FROM audit_entry")).isEqualTo(audit);
    }

    @Test
    void an_admin_breaks_glass_with_a_reason_and_the_break_glass_is_audited() {
        admin.post("/system/rate-limits", POLICY, "X-Break-Glass-Reason", "incident 42: throttle the scraper").expect(201);

        assertThat(count("SELECT count(*) FROM rate_limit_policy WHERE name = 'frozen-out'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'freeze.break_glass'"
                + " AND reason = 'incident 42: throttle the scraper' AND after_state->>'change' = 'rate_limit.create'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'rate_limit.create' AND target_id = 'frozen-out'")).isEqualTo(1);

        admin.delete("/system/rate-limits/frozen-out", "X-Break-Glass-Reason", "incident 42 over").expect(204);
    }

    @Test
    void break_glass_needs_the_admin_scope() {
        long changes = count("SELECT count(*) FROM test_config_change");
        writer.send("POST", "/test/config", null, null).problem(423, "CONFIGURATION_FROZEN");
        writer.send("POST", "/test/config", null, null, "X-Break-Glass-Reason", "I really need to").problem(423, "CONFIGURATION_FROZEN");
        assertThat(count("SELECT count(*) FROM test_config_change")).isEqualTo(changes);

        admin.send("POST", "/test/config", null, null, "X-Break-Glass-Reason", "on-call override").expect(201);

        assertThat(count("SELECT count(*) FROM test_config_change")).isEqualTo(changes + 1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'freeze.break_glass' AND after_state->>'change' = 'test.config'"))
                .isEqualTo(1);
    }

    @Test
    void thawing_lets_configuration_changes_through_again_and_the_switch_is_audited() {
        admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", false, "reason", "freeze over")).expect(200);

        writer.send("POST", "/test/config", null, null).expect(201);

        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'maintenance_state.update' AND reason = 'freeze over'"
                + " AND (after_state->>'frozen')::boolean = false")).isEqualTo(1);
        assertThat(server.maintenance.freeze().frozen()).isFalse();
    }
}
