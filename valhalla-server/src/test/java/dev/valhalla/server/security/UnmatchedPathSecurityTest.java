package dev.valhalla.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.maintenance.MovableClock;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.valhalla.server.security.SecurityEdgeTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that match no route: a blocked source gets 403 there too, and honeypots. Unknown paths are
 * not in the OpenAPI document, so they are sent with a plain client.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnmatchedPathSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase db;
    private SecurityTestServer server;
    private ApiClient anonymous;
    private ApiClient admin;
    private long policyId;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = new SecurityTestServer(db, new MovableClock(Instant.parse("2030-01-01T00:00:00Z")),
                SecuritySettings.parse("127.0.0.1/32,::1/128"));
        anonymous = new ApiClient(server.url());
        admin = anonymous.withKey(server.adminKey);
        policyId = admin.post("/system/security/policies", Map.of("name", "unmatched")).expect(201).json().path("id").asLong();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> raw(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("code").asText()).isEqualTo(code);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_blocked_address_gets_403_on_an_unknown_path_too_and_nothing_else_changes_for_others() {
        admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "ip", "value", "203.0.113.40",
                "reason", "unmatched test", "expiresAt", server.clock.instant().plusSeconds(60).toString())).expect(201);
        int before = server.counting.calls.get();
        problem(raw("/no/such/path", "X-Forwarded-For", "203.0.113.40"), 403, "BLOCKED");
        problem(raw("/test/counted", "X-Forwarded-For", "203.0.113.40"), 403, "BLOCKED");
        problem(raw("/no/such/path", "X-Forwarded-For", "203.0.113.41"), 404, "ROUTE_NOT_FOUND");
        assertThat(server.counting.calls.get()).isEqualTo(before);
        server.clock.advance(Duration.ofSeconds(60));
        problem(raw("/no/such/path", "X-Forwarded-For", "203.0.113.40"), 404, "ROUTE_NOT_FOUND");
    }

    @Test
    void a_honeypot_answers_like_an_unknown_path_and_blocks_its_source_after_the_threshold_until_the_block_expires() {
        admin.post("/system/security/honeypots", Map.of("method", "GET", "path", "/wp-login.php", "blockThreshold", 3,
                "windowSeconds", 600, "blockSeconds", 60)).expect(201);
        String source = "198.51.100.23";
        JsonNode ordinary = problem(raw("/not-a-honeypot", "X-Forwarded-For", source), 404, "ROUTE_NOT_FOUND");
        for (int i = 0; i < 3; i++) {
            JsonNode decoy = problem(raw("/wp-login.php", "X-Forwarded-For", source, "User-Agent", "scanner/1.0",
                    "Authorization", "Bearer secret-token", "Cookie", "session=abc"), 404, "ROUTE_NOT_FOUND");
            assertThat(decoy.path("type")).isEqualTo(ordinary.path("type"));
            assertThat(decoy.path("title")).isEqualTo(ordinary.path("title"));
            assertThat(decoy.path("detail")).isEqualTo(ordinary.path("detail"));
        }
        await("the source blocked", () -> raw("/test/counted", "X-Forwarded-For", source).statusCode() == 403);
        assertThat(SecurityTestServer.count(db, "SELECT count(*) FROM audit_entry WHERE actor = 'system'"
                + " AND action = 'security_rule.create' AND after_state->>'value' = '" + source + "'")).isEqualTo(1);

        JsonNode hits = admin.get("/system/security/honeypots/hits?address=" + source).expect(200).json().path("hits");
        assertThat(hits).hasSize(3);
        JsonNode hit = hits.get(0);
        assertThat(hit.path("path").asText()).isEqualTo("/wp-login.php");
        assertThat(hit.path("userAgent").asText()).isEqualTo("scanner/1.0");
        assertThat(hit.path("correlationId").asText()).isNotBlank();
        assertThat(hit.path("headers").has("authorization")).isFalse();
        assertThat(hit.path("headers").has("cookie")).isFalse();
        assertThat(hit.toString()).doesNotContain("secret-token").doesNotContain("session=abc");
        JsonNode dashboard = admin.get("/system/security/dashboard").expect(200).json();
        assertThat(dashboard.path("honeypotHits").path("total").asLong()).isEqualTo(3);

        server.clock.advance(Duration.ofSeconds(61));
        raw("/test/counted", "X-Forwarded-For", source);
        assertThat(raw("/test/counted", "X-Forwarded-For", source).statusCode()).isEqualTo(200);
    }
}
