package dev.valhalla.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.ServerApp;
import dev.valhalla.server.core.http.HttpServer;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static dev.valhalla.server.systemlog.ObservedServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole product: the route index against Javalin's router and the OpenAPI document, and the keys. */
@ExtendWith(PostgresExtension.class)
class RouteIndexTest {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "QUERY");
    private static ServerApp app;
    private static ApiClient admin;
    private static ApiClient reader;

    @BeforeAll
    static void start(TestDatabase db) {
        KeyTestServers.Started started = KeyTestServers.startServerApp(db, List.of());
        app = started.app();
        admin = new ApiClient(app.url()).withKey(started.adminKey());
        admin.post("/system/api-clients", Map.of("id", "route-reader")).expect(201);
        String readKey = admin.post("/system/api-keys", Map.of("clientId", "route-reader", "name", "reader",
                "scopes", List.of("read"))).expect(201).json().path("key").asText();
        reader = new ApiClient(app.url()).withKey(readKey);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_index_lists_exactly_the_routes_registered_with_javalin() throws Exception {
        Set<String> javalin = new TreeSet<>();
        for (ParsedEndpoint parsed : javalin(app.http()).unsafe.internalRouter.allHttpHandlers()) {
            String method = parsed.endpoint.method.name().toUpperCase(Locale.ROOT);
            if (HTTP_METHODS.contains(method)) {
                javalin.add(method + " " + parsed.endpoint.path);
            }
        }
        Set<String> listed = new TreeSet<>();
        for (JsonNode route : reader.get("/system/routes").expect(200).json().path("routes")) {
            listed.add(route.path("method").asText() + " " + route.path("path").asText());
        }

        assertThat(listed).isEqualTo(javalin);
        assertThat(listed).contains("GET /system/routes", "GET /system/logs", "GET /system/errors",
                "GET /system/traces/{traceId}", "POST /system/api-keys");
    }

    @Test
    void each_route_shows_scope_writes_and_rate_limit_policy() {
        JsonNode body = reader.get("/system/routes").expect(200).json();
        assertThat(body.path("count").asInt()).isEqualTo(body.path("routes").size())
                .isEqualTo(app.http().routes().all().size());
        for (JsonNode route : body.path("routes")) {
            Route registered = app.http().routes().find(route.path("method").asText(), route.path("path").asText()).orElseThrow();
            assertThat(route.path("scope").asText()).isEqualTo(registered.scope().name().toLowerCase(Locale.ROOT));
            assertThat(route.path("writes").asBoolean()).isEqualTo(registered.writes());
            assertThat(route.has("rateLimitPolicy")).isTrue();
        }
        JsonNode createKey = find(body, "POST", "/system/api-keys");
        assertThat(createKey.path("scope").asText()).isEqualTo("admin");
        assertThat(createKey.path("writes").asBoolean()).isTrue();
        assertThat(find(body, "GET", "/system/routes").path("writes").asBoolean()).isFalse();
    }

    @Test
    void every_indexed_route_is_in_the_openapi_document_and_ours_are_described() {
        JsonNode paths = new ApiClient(app.url()).get("/openapi.json").expect(200).json().path("paths");
        List<String> missing = new ArrayList<>();
        for (Route route : app.http().routes().all()) {
            String path = route.path().replaceAll("<([^>]+)>", "{$1}");
            if (paths.path(path).path(route.method().toLowerCase(Locale.ROOT)).isMissingNode()) {
                missing.add(route.method() + " " + route.path());
            }
        }
        assertThat(missing).isEmpty();
        for (String path : List.of("/system/routes", "/system/logs", "/system/errors", "/system/traces/{traceId}")) {
            assertThat(paths.path(path).path("get").path("x-valhalla-documented").asBoolean()).as(path).isTrue();
        }
    }

    @Test
    void every_observability_route_refuses_without_a_key_and_logs_refuse_a_read_key() {
        ApiClient anonymous = new ApiClient(app.url());
        for (String path : List.of("/system/routes", "/system/logs", "/system/errors", "/system/traces/" + "ab".repeat(16))) {
            anonymous.get(path).problem(401, "API_KEY_MISSING");
        }
        reader.get("/system/logs").problem(403, "FORBIDDEN");
        reader.get("/system/errors").problem(403, "FORBIDDEN");
    }

    @Test
    void the_product_keeps_request_events_and_traces_a_sampled_caller() {
        // an operational event (the kill switch) lands in the system log under the request's correlation id
        String changeId = "product-" + UUID.randomUUID();
        admin.post("/system/governance/kill-switch", "{\"engaged\": true, \"reason\": \"drill\"}", "X-Request-ID", changeId)
                .expect(200);
        JsonNode events = eventually(Duration.ofSeconds(30), "the kill switch event", () -> {
            JsonNode found = admin.get("/system/logs?correlationId=" + changeId).expect(200).json().path("events");
            return found.isEmpty() ? null : found;
        });
        assertThat(events.get(0).path("level").asText()).isEqualTo("WARN");
        assertThat(events.get(0).path("message").asText()).startsWith("Kill switch engaged by").endsWith(": drill");

        String correlationId = "product-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parent = "00f067aa0ba902b7";
        admin.get("/system/traces/" + traceId, "X-Request-ID", correlationId, "traceparent", "00-" + traceId + "-" + parent + "-01")
                .problem(404, "NOT_FOUND");

        JsonNode trace = eventually(Duration.ofSeconds(30), "the trace", () -> {
            ApiClient.Response response = reader.get("/system/traces/" + traceId);
            return response.status() == 200 ? response.json() : null;
        });
        JsonNode root = trace.path("spans").get(0);
        assertThat(root.path("name").asText()).isEqualTo("GET /system/traces/{traceId}");
        assertThat(root.path("parentSpanId").asText()).isEqualTo(parent);
        assertThat(root.path("attributes").path("http.response.status_code").asInt()).isEqualTo(404);
        assertThat(root.path("children")).isNotEmpty();
        // every statement of the request is a child span: the key lookup and the trace query among them
        assertThat(root.path("children").findValuesAsText("db.statement")).anySatisfy(sql -> assertThat(sql).contains("trace_span"));
    }

    private static JsonNode find(JsonNode body, String method, String path) {
        for (JsonNode route : body.path("routes")) {
            if (route.path("method").asText().equals(method) && route.path("path").asText().equals(path)) {
                return route;
            }
        }
        throw new AssertionError("no route " + method + " " + path);
    }

    // the core does not expose Javalin's router; the test reads it to compare with the index
    private static Javalin javalin(HttpServer http) throws ReflectiveOperationException {
        Field field = HttpServer.class.getDeclaredField("javalin");
        field.setAccessible(true);
        return (Javalin) field.get(http);
    }
}
