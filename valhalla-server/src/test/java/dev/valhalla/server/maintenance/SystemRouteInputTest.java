package dev.valhalla.server.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.ratelimit.RateLimitSettings;
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

/** Access and bad input on every rate-limit and maintenance route: 4xx problems, never 500, nothing written. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemRouteInputTest {

    private static final String WRITE_TABLES = "SELECT (SELECT count(*) FROM rate_limit_policy) + (SELECT count(*) FROM maintenance_window)"
            + " + (SELECT count(*) FROM audit_entry) + (SELECT count(*) FROM maintenance_state WHERE state <> 'normal' OR frozen)";

    private TestDatabase db;
    private EdgeTestServer server;
    private ApiClient admin;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = EdgeTestServer.start(db, new MovableClock(Instant.parse("2030-04-01T00:00:00Z")), RateLimitSettings.defaults());
        admin = server.admin();
        admin.post("/system/rate-limits", Map.of("name", "existing", "algorithm", "fixed_window", "limit", 5,
                "windowSeconds", 60, "key", "ip", "pathPrefix", "/nothing")).expect(201);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private List<Route> ownRoutes() {
        List<Route> own = server.routes().stream()
                .filter(route -> route.path().startsWith("/system/rate-limits") || route.path().startsWith("/system/maintenance"))
                .toList();
        assertThat(own).hasSize(12);
        return own;
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "1");
    }

    @Test
    void every_rate_limit_and_maintenance_route_needs_an_admin_key() {
        ApiClient writer = server.anonymous().withKey(server.issueKey("operator", "read", "write"));
        for (Route route : ownRoutes()) {
            assertThat(route.scope()).isEqualTo(Scope.ADMIN);
            String path = concrete(route.path());
            assertProblem(server.anonymous().send(route.method(), path, null, null), 401);
            assertProblem(writer.send(route.method(), path, null, null), 403);
        }
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.method() + " " + response.path()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private void refused(String method, String path, String contentType, String body, int status) {
        long before = EdgeTestServer.count(db, WRITE_TABLES);
        ApiClient.Response response = admin.send(method, path, contentType, body);
        assertThat(response.status()).as(method + " " + path + " " + body).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(EdgeTestServer.count(db, WRITE_TABLES)).as("nothing written by " + body).isEqualTo(before);
    }

    @Test
    void bad_rate_limit_policies_are_refused_with_every_field_named() {
        String json = "application/json";
        for (String path : List.of("/system/rate-limits", "/system/rate-limits/existing")) {
            String method = path.endsWith("existing") ? "PUT" : "POST";
            refused(method, path, json, "{\"name\": ", 400);
            refused(method, path, json, "", 400);
            refused(method, path, "text/plain", "{}", 415);
            refused(method, path, null, "{}", 415);
            refused(method, path, json, "[]", 400);
            refused(method, path, json, "{\"name\": \"x\", \"algorithm\": \"token_bucket\", \"limit\": \"ten\", \"windowSeconds\": 60, \"key\": \"ip\"}", 422);
            refused(method, path, json, "{\"name\": \"x\", \"algorithm\": \"token_bucket\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"ip\", \"colour\": 1}", 422);
            refused(method, path, json, "{\"name\": \"x\", \"algorithm\": \"leaky\", \"limit\": 0, \"windowSeconds\": 0, \"key\": \"user\","
                    + " \"pathPrefix\": \"api\", \"scope\": \"root\"}", 422);
            refused(method, path, json, "{\"name\": \"x\", \"algorithm\": \"daily_quota\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"client\"}", 422);
            refused(method, path, json, "{\"name\": \"x\", \"algorithm\": \"token_bucket\", \"limit\": 10, \"key\": \"ip\"}", 422);
            refused(method, path, json, "{\"name\": \"x\", \"algorithm\": \"token_bucket\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"ip\","
                    + " \"description\": \"" + "d".repeat(600) + "\"}", 422);
            refused(method, path, json, "{\"name\": \"x\", \"description\": \"" + "d".repeat(70_000) + "\"}", 413);
        }
        JsonNode problem = admin.post("/system/rate-limits", "{\"name\": \"Bad Name\", \"algorithm\": \"leaky\", \"limit\": 0,"
                + " \"key\": \"user\", \"pathPrefix\": \"api\", \"scope\": \"root\"}").problem(422, "VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("name", "algorithm", "limit", "key", "pathPrefix", "scope");
        refused("POST", "/system/rate-limits", json, "{\"algorithm\": \"token_bucket\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"ip\"}", 422);
        refused("POST", "/system/rate-limits", json, "{\"name\": \"existing\", \"algorithm\": \"token_bucket\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"ip\"}", 409);
        refused("PUT", "/system/rate-limits/existing", json, "{\"name\": \"renamed\", \"algorithm\": \"token_bucket\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"ip\"}", 422);
        refused("PUT", "/system/rate-limits/missing", json, "{\"algorithm\": \"token_bucket\", \"limit\": 10, \"windowSeconds\": 60, \"key\": \"ip\"}", 404);
        refused("DELETE", "/system/rate-limits/missing", null, null, 404);
        admin.get("/system/rate-limits/missing").problem(404, "RATE_LIMIT_POLICY_NOT_FOUND");
    }

    @Test
    void bad_maintenance_states_are_refused_and_change_nothing() {
        String json = "application/json";
        String path = "/system/maintenance/state";
        refused("PUT", path, json, "{\"state\": ", 400);
        refused("PUT", path, "text/plain", "{}", 415);
        refused("PUT", path, json, "{}", 422);
        refused("PUT", path, json, "{\"state\": \"closed\", \"reason\": \"x\"}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\"}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\", \"reason\": \" \"}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\", \"reason\": \"x\", \"frozen\": \"yes\"}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\", \"reason\": \"x\", \"expectedEnd\": \"tomorrow\"}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\", \"reason\": \"x\", \"expectedEnd\": \"2000-01-01T00:00:00Z\"}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\", \"reason\": \"x\", \"extra\": true}", 422);
        refused("PUT", path, json, "{\"state\": \"read_only\", \"reason\": \"" + "r".repeat(501) + "\"}", 422);
        JsonNode problem = admin.put(path, "{\"state\": \"closed\", \"reason\": \"\"}").problem(422, "VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("state", "reason");
    }

    @Test
    void bad_maintenance_windows_are_refused_and_nothing_is_scheduled() {
        String json = "application/json";
        String now = "2030-04-01T00:00:00Z";
        for (String path : List.of("/system/maintenance", "/system/maintenance/1")) {
            String method = path.endsWith("/1") ? "PUT" : "POST";
            refused(method, path, json, "{", 400);
            refused(method, path, null, "{}", 415);
            refused(method, path, json, "{}", 422);
            refused(method, path, json, "{\"state\": \"normal\", \"startsAt\": \"2030-04-01T01:00:00Z\", \"endsAt\": \"2030-04-01T02:00:00Z\", \"reason\": \"x\"}", 422);
            refused(method, path, json, "{\"state\": \"read_only\", \"startsAt\": \"2030-04-01T03:00:00Z\", \"endsAt\": \"2030-04-01T02:00:00Z\", \"reason\": \"x\"}", 422);
            refused(method, path, json, "{\"state\": \"read_only\", \"startsAt\": \"2030-03-01T00:00:00Z\", \"endsAt\": \"" + now + "\", \"reason\": \"x\"}", 422);
            refused(method, path, json, "{\"state\": \"read_only\", \"startsAt\": \"2030-04-01T01:00:00Z\", \"endsAt\": \"2030-06-01T01:00:00Z\", \"reason\": \"x\"}", 422);
            refused(method, path, json, "{\"state\": \"read_only\", \"startsAt\": \"soon\", \"endsAt\": \"2030-04-01T02:00:00Z\", \"reason\": \"x\"}", 422);
            refused(method, path, json, "{\"state\": \"read_only\", \"startsAt\": \"2030-04-01T01:00:00Z\", \"endsAt\": \"2030-04-01T02:00:00Z\"}", 422);
        }
        JsonNode problem = admin.post("/system/maintenance", "{\"state\": \"normal\", \"startsAt\": \"2030-04-01T03:00:00Z\","
                + " \"endsAt\": \"2030-04-01T02:00:00Z\"}").problem(422, "VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("state", "endsAt", "reason");
        String valid = "{\"state\": \"read_only\", \"startsAt\": \"2030-04-01T01:00:00Z\", \"endsAt\": \"2030-04-01T02:00:00Z\", \"reason\": \"x\"}";
        refused("PUT", "/system/maintenance/999", json, valid, 404);
        refused("PUT", "/system/maintenance/abc", json, valid, 404);
        refused("DELETE", "/system/maintenance/999", null, null, 404);
        refused("DELETE", "/system/maintenance/-1", null, null, 404);
        admin.get("/system/maintenance/abc").problem(404, "MAINTENANCE_WINDOW_NOT_FOUND");
        admin.get("/system/maintenance?limit=0").problem(422, "VALIDATION_FAILED");
        admin.get("/system/maintenance?limit=many").problem(422, "VALIDATION_FAILED");
    }
}
