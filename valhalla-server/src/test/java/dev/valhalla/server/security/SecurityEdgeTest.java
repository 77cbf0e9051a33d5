package dev.valhalla.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.maintenance.MovableClock;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocklist and honeypots at the edge of a server that trusts 127.0.0.1 as a proxy, so each test
 * plays a different client with {@code X-Forwarded-For}; the clock is moved by hand.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityEdgeTest {

    private TestDatabase db;
    private SecurityTestServer server;
    private ApiClient anonymous;
    private ApiClient admin;
    private long policyId;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = new SecurityTestServer(db, new MovableClock(Instant.parse("2030-01-01T00:00:00Z")),
                SecuritySettings.parse("127.0.0.1/32, ::1/128"));
        anonymous = new ApiClient(server.url());
        admin = anonymous.withKey(server.adminKey);
        policyId = admin.post("/system/security/policies", Map.of("name", "edge-tests", "description", "tests"))
                .expect(201).json().path("id").asLong();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private long rule(String kind, String value, Instant expiresAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("policyId", policyId, "kind", kind, "value", value,
                "reason", "test " + kind));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return admin.post("/system/security/blocklist", body).expect(201).json().path("id").asLong();
    }

    private ApiClient.Response counted(String... headers) {
        return anonymous.get("/test/counted", headers);
    }

    private void assertBlocked(ApiClient.Response response) {
        JsonNode problem = response.problem(403, "BLOCKED");
        assertThat(problem.path("type").asText()).isEqualTo("urn:valhalla:problem:blocked");
    }

    @Test
    void a_blocked_address_never_reaches_a_handler_and_an_expired_rule_stops_blocking() {
        int before = server.counting.calls.get();
        rule("ip", "203.0.113.7", server.clock.instant().plus(Duration.ofHours(1)));

        assertBlocked(counted("X-Forwarded-For", "203.0.113.7"));
        assertBlocked(counted("X-Forwarded-For", "198.51.100.1, 203.0.113.7"));
        assertThat(server.counting.calls.get()).isEqualTo(before);

        counted("X-Forwarded-For", "203.0.113.8").expect(200);
        assertThat(server.counting.calls.get()).isEqualTo(before + 1);

        server.clock.advance(Duration.ofHours(1));
        counted("X-Forwarded-For", "203.0.113.7").expect(200);
        assertThat(server.counting.calls.get()).isEqualTo(before + 2);
    }

    @Test
    void networks_keys_user_agents_and_path_prefixes_are_blocked_before_authentication() {
        rule("cidr", "2001:db8:aa::/48", null);
        rule("cidr", "192.0.2.128/25", null);
        String blockedKey = SecurityTestServer.randomKey();
        rule("api_key", blockedKey.substring(0, 12), null);
        rule("user_agent", "(?i)sqlmap|nikto", null);
        rule("path_prefix", "/test/pre", null);

        assertBlocked(anonymous.get("/test/counted", "X-Forwarded-For", "2001:db8:aa:1::5"));
        assertBlocked(anonymous.get("/test/counted", "X-Forwarded-For", "192.0.2.200"));
        anonymous.get("/test/counted", "X-Forwarded-For", "192.0.2.127").expect(200);
        anonymous.get("/test/counted", "X-Forwarded-For", "2001:db8:ab::1").expect(200);
        // the key is not even valid: it is refused by its id before any lookup
        assertBlocked(anonymous.get("/system/security/policies", "Authorization", "Bearer " + blockedKey));
        assertBlocked(anonymous.get("/test/counted", "X-API-Key", blockedKey));
        assertBlocked(anonymous.get("/test/counted", "User-Agent", "Mozilla/5.0 SQLMap/1.7"));
        int before = server.counting.calls.get();
        assertBlocked(anonymous.get("/test/prefixed"));
        assertThat(server.counting.calls.get()).isEqualTo(before);
    }

    @Test
    void a_disabled_policy_stops_enforcing_its_rules_and_enabling_it_restores_them() {
        long other = admin.post("/system/security/policies", Map.of("name", "switchable")).expect(201).json().path("id").asLong();
        admin.post("/system/security/blocklist", Map.of("policyId", other, "kind", "ip", "value", "198.18.0.1",
                "reason", "switch test")).expect(201);
        assertBlocked(anonymous.get("/test/counted", "X-Forwarded-For", "198.18.0.1"));
        admin.patch("/system/security/policies/" + other, Map.of("enabled", false)).expect(200);
        anonymous.get("/test/counted", "X-Forwarded-For", "198.18.0.1").expect(200);
        admin.patch("/system/security/policies/" + other, Map.of("enabled", true)).expect(200);
        assertBlocked(anonymous.get("/test/counted", "X-Forwarded-For", "198.18.0.1"));
        assertThat(SecurityTestServer.count(db, "SELECT count(*) FROM audit_entry WHERE action = 'security_policy.update'"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void blocked_requests_are_counted_per_rule_and_per_address_on_the_dashboard() {
        long id = rule("ip", "203.0.113.99", null);
        for (int i = 0; i < 5; i++) {
            assertBlocked(counted("X-Forwarded-For", "203.0.113.99"));
        }
        JsonNode dashboard = admin.get("/system/security/dashboard").expect(200).json();
        JsonNode byRule = dashboard.path("blocked").path("byRule");
        assertThat(byRule.findValues("ruleId").stream().map(JsonNode::asLong).toList()).contains(id);
        for (JsonNode row : byRule) {
            if (row.path("ruleId").asLong() == id) {
                assertThat(row.path("hits").asLong()).isEqualTo(5);
            }
        }
        assertThat(dashboard.path("topOffenders").findValuesAsText("address")).contains("203.0.113.99");
        assertThat(dashboard.path("activeRules").asLong()).isPositive();
        assertThat(SecurityTestServer.count(db, "SELECT hit_count FROM security_rule WHERE id = " + id)).isEqualTo(5);
    }

    @Test
    void x_forwarded_for_is_honoured_only_from_trusted_proxies() {
        ClientAddress trusting = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8").orElseThrow()));
        assertThat(trusting.resolve("192.0.2.1", "203.0.113.5")).map(IpAddresses::format).hasValue("192.0.2.1");
        assertThat(trusting.resolve("10.1.1.1", "203.0.113.5")).map(IpAddresses::format).hasValue("203.0.113.5");
        assertThat(trusting.resolve("10.1.1.1", "1.2.3.4, 203.0.113.5, 10.9.9.9")).map(IpAddresses::format)
                .hasValue("203.0.113.5");
        assertThat(trusting.resolve("10.1.1.1", "10.2.2.2, 10.3.3.3")).map(IpAddresses::format).hasValue("10.2.2.2");
        assertThat(trusting.resolve("10.1.1.1", "garbage, 10.3.3.3")).map(IpAddresses::format).hasValue("10.3.3.3");
        assertThat(trusting.resolve("10.1.1.1", null)).map(IpAddresses::format).hasValue("10.1.1.1");
        ClientAddress trustingNone = new ClientAddress(List.of());
        assertThat(trustingNone.resolve("10.1.1.1", "203.0.113.5")).map(IpAddresses::format).hasValue("10.1.1.1");
        assertThat(trustingNone.resolve("[::1]", "203.0.113.5")).map(IpAddresses::format).hasValue("::1");
    }
}
