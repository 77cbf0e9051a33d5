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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Access control and input validation of every {@code /system/security} route. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityAdminApiTest {

    private TestDatabase db;
    private SecurityTestServer server;
    private ApiClient anonymous;
    private ApiClient admin;
    private ApiClient reader;
    private long policyId;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = new SecurityTestServer(db, new MovableClock(Instant.parse("2030-01-01T00:00:00Z")), SecuritySettings.defaults());
        anonymous = new ApiClient(server.url());
        admin = anonymous.withKey(server.adminKey);
        admin.post("/system/api-clients", Map.of("id", "reader")).expect(201);
        String readKey = admin.post("/system/api-keys", Map.of("clientId", "reader", "scopes", List.of("read")))
                .expect(201).json().path("key").asText();
        reader = anonymous.withKey(readKey);
        policyId = admin.post("/system/security/policies", Map.of("name", "api-tests")).expect(201).json().path("id").asLong();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private long written() {
        return SecurityTestServer.count(db, "SELECT (SELECT count(*) FROM security_policy) + (SELECT count(*) FROM security_rule)"
                + " + (SELECT count(*) FROM security_honeypot) + (SELECT count(*) FROM audit_entry)"
                + " + (SELECT count(*) FROM security_policy WHERE enabled = false)");
    }

    private static final List<String[]> WRITES = List.of(
            new String[] {"POST", "/system/security/policies"},
            new String[] {"PATCH", "/system/security/policies/1"},
            new String[] {"DELETE", "/system/security/policies/1"},
            new String[] {"POST", "/system/security/blocklist"},
            new String[] {"DELETE", "/system/security/blocklist/1"},
            new String[] {"POST", "/system/security/honeypots"},
            new String[] {"DELETE", "/system/security/honeypots/1"});

    private static final List<String> READS = List.of("/system/security/policies", "/system/security/policies/1",
            "/system/security/blocklist", "/system/security/blocklist/1", "/system/security/honeypots",
            "/system/security/honeypots/1", "/system/security/honeypots/hits", "/system/security/dashboard");

    @Test
    void every_security_route_needs_a_key_and_writes_need_the_admin_scope() {
        long before = written();
        for (String[] write : WRITES) {
            String body = write[0].equals("DELETE") ? null : "{}";
            String type = body == null ? null : "application/json";
            anonymous.send(write[0], write[1], type, body).problem(401, "API_KEY_MISSING");
            reader.send(write[0], write[1], type, body).problem(403, "FORBIDDEN");
        }
        for (String read : READS) {
            anonymous.get(read).problem(401, "API_KEY_MISSING");
            int status = reader.get(read).status();
            assertThat(status).as(read).isIn(200, 404);
        }
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void bad_input_on_every_write_endpoint_is_a_4xx_problem_and_writes_nothing() {
        long before = written();
        String huge = "{\"name\": \"" + "x".repeat(70_000) + "\"}";
        for (String path : List.of("/system/security/policies", "/system/security/blocklist", "/system/security/honeypots",
                "/system/security/policies/" + policyId)) {
            String method = path.endsWith("/" + policyId) ? "PATCH" : "POST";
            admin.send(method, path, "application/json", "{\"name\": ").problem(400, "MALFORMED_JSON");
            admin.send(method, path, "application/json", "{\"surprise\": 1}").problem(422, "VALIDATION_FAILED");
            admin.send(method, path, "text/plain", "{}").problem(415, "UNSUPPORTED_MEDIA_TYPE");
            admin.send(method, path, "application/json", huge).problem(413, "PAYLOAD_TOO_LARGE");
            assertThat(admin.send(method, path, "application/json", "[]").status()).isBetween(400, 499);
        }
        admin.post("/system/security/policies", Map.of("name", 5)).problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/policies", Map.of("name", "Bad Name!")).problem(422, "VALIDATION_FAILED");
        admin.patch("/system/security/policies/" + policyId, Map.of("enabled", "yes")).problem(422, "VALIDATION_FAILED");
        admin.patch("/system/security/policies/" + policyId, Map.of()).problem(422, "VALIDATION_FAILED");
        admin.patch("/system/security/policies/not-a-number", Map.of("enabled", false)).problem(422, "VALIDATION_FAILED");

        JsonNode cidr = admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "cidr",
                "value", "10.0.0.0/33", "reason", "x")).problem(422, "VALIDATION_FAILED");
        assertThat(cidr.path("errors").findValuesAsText("field")).containsExactly("value");
        JsonNode regex = admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "user_agent",
                "value", "([unclosed", "reason", "x")).problem(422, "VALIDATION_FAILED");
        assertThat(regex.path("errors").findValuesAsText("field")).containsExactly("value");
        JsonNode several = admin.post("/system/security/blocklist", Map.of("kind", "teleport", "value", "x"))
                .problem(422, "VALIDATION_FAILED");
        assertThat(several.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("policyId", "kind", "reason");
        admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "ip", "value", "example.com",
                "reason", "x")).problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/blocklist", Map.of("policyId", 999_999, "kind", "ip", "value", "192.0.2.1",
                "reason", "x")).problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "ip", "value", "192.0.2.1",
                "reason", "x", "expiresAt", "2000-01-01T00:00:00Z")).problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "ip", "value", "192.0.2.1",
                "reason", "x", "expiresAt", "tomorrow")).problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/blocklist", Map.of("policyId", "one", "kind", "ip", "value", "192.0.2.1",
                "reason", "x")).problem(422, "VALIDATION_FAILED");

        admin.post("/system/security/honeypots", Map.of("method", "BREW", "path", "wp-login.php"))
                .problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/honeypots", Map.of("method", "GET", "path", "/system/api-keys"))
                .problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/honeypots", Map.of("method", "GET", "path", "/x", "blockThreshold", -1,
                "windowSeconds", 0, "blockSeconds", "long")).problem(422, "VALIDATION_FAILED");
        admin.post("/system/security/honeypots", Map.of("method", "GET", "path", "/x", "windowSeconds", 0,
                "blockThreshold", -1)).problem(422, "VALIDATION_FAILED");

        admin.delete("/system/security/blocklist/999999").problem(404, "SECURITY_RULE_NOT_FOUND");
        admin.delete("/system/security/honeypots/999999").problem(404, "HONEYPOT_NOT_FOUND");
        admin.delete("/system/security/policies/999999").problem(404, "SECURITY_POLICY_NOT_FOUND");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void duplicates_and_the_protected_policy_are_conflicts() {
        admin.post("/system/security/policies", Map.of("name", "api-tests")).problem(409, "SECURITY_POLICY_EXISTS");
        admin.post("/system/security/honeypots", Map.of("method", "GET", "path", "/.env")).expect(201);
        admin.post("/system/security/honeypots", Map.of("method", "get", "path", "/.env")).problem(409, "HONEYPOT_EXISTS");
        long honeypotPolicy = SecurityTestServer.count(db, "SELECT id FROM security_policy WHERE name = 'honeypot'");
        admin.delete("/system/security/policies/" + honeypotPolicy).problem(409, "SECURITY_POLICY_PROTECTED");
    }

    @Test
    void rules_are_created_listed_shown_and_deleted_with_an_audit_entry_each() {
        long auditBefore = SecurityTestServer.count(db, "SELECT count(*) FROM audit_entry");
        JsonNode created = admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "cidr",
                "value", "2001:0db8:0000::/32", "reason", "documentation range")).expect(201).json();
        assertThat(created.path("value").asText()).isEqualTo("2001:db8::/32");
        long id = created.path("id").asLong();
        assertThat(reader.get("/system/security/blocklist?policyId=" + policyId).expect(200).json().path("rules")
                .findValuesAsText("value")).contains("2001:db8::/32");
        reader.get("/system/security/blocklist/" + id).expect(200);
        admin.delete("/system/security/blocklist/" + id).expect(204);
        reader.get("/system/security/blocklist/" + id).problem(404, "SECURITY_RULE_NOT_FOUND");
        assertThat(SecurityTestServer.count(db, "SELECT count(*) FROM audit_entry")).isEqualTo(auditBefore + 2);
    }
}
