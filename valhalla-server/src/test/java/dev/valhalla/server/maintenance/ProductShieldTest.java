package dev.valhalla.server.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.ServerApp;
import dev.valhalla.server.core.http.Route;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shield on the whole product, every route taken from the route index: read_only refuses every
 * write route and no read route; maintenance lets only health, metrics and admin callers through. The
 * sweep uses a plain HTTP client: it calls other features' routes with dummy ids, whose documents are
 * theirs to validate.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductShieldTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerApp app;
    private String adminKey;
    private ApiClient admin;

    @BeforeAll
    void start(TestDatabase db) {
        KeyTestServers.Started started = KeyTestServers.startServerApp(db, List.of());
        app = started.app();
        adminKey = started.adminKey();
        admin = new ApiClient(app.url()).withKey(adminKey);
        admin.get("/system/maintenance/state").expect(200);
    }

    @AfterEach
    void backToNormal() {
        admin.put("/system/maintenance/state", Map.of("state", "normal", "reason", "done")).expect(200);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private HttpResponse<String> call(Route route, String key) {
        String path = route.path().replaceAll("\\{[^}]+}|<[^>]+>", "1");
        boolean body = route.writes() && !route.method().equals("DELETE");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(30))
                .method(route.method(), body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (body) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(route.method() + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String code(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem.path("code").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shield's own routes, and the kill switch, which engages at once in every state. */
    private static boolean control(Route route) {
        return route.path().startsWith("/system/maintenance") || route.path().equals("/system/governance/kill-switch");
    }

    @Test
    void read_only_refuses_every_write_route_of_the_route_index_and_no_read_route() {
        admin.put("/system/maintenance/state", Map.of("state", "read_only", "reason", "storage migration",
                "expectedEnd", Instant.now().plus(Duration.ofMinutes(10)).toString())).expect(200);
        List<Route> writes = app.http().routes().all().stream().filter(Route::writes).filter(r -> !control(r)).toList();
        List<Route> reads = app.http().routes().all().stream().filter(r -> !r.writes()).toList();
        assertThat(writes).hasSizeGreaterThan(10);
        assertThat(reads).hasSizeGreaterThan(10);

        List<String> notRefused = new ArrayList<>();
        for (Route route : writes) {
            HttpResponse<String> response = call(route, adminKey);
            long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"));
            if (response.statusCode() != 503 || !code(response).equals("READ_ONLY_MODE") || retryAfter < 590 || retryAfter > 600) {
                notRefused.add(route.method() + " " + route.path() + " -> " + response.statusCode() + " " + code(response));
            }
        }
        List<String> refusedReads = new ArrayList<>();
        for (Route route : reads) {
            HttpResponse<String> response = call(route, adminKey);
            if (code(response).equals("READ_ONLY_MODE") || response.statusCode() >= 500 && response.statusCode() != 503) {
                refusedReads.add(route.method() + " " + route.path() + " -> " + response.statusCode() + " " + code(response));
            }
        }

        assertThat(notRefused).as("write routes the read-only shield let through").isEmpty();
        assertThat(refusedReads).as("read routes refused").isEmpty();
        assertThat(app.http().routes().all().stream().filter(Route::writes).filter(ProductShieldTest::control)
                .map(r -> r.method() + " " + r.path()))
                .as("the only write routes open in read_only are the shield's own and the kill switch")
                .containsExactlyInAnyOrder("PUT /system/maintenance/state", "POST /system/maintenance",
                        "PUT /system/maintenance/{id}", "DELETE /system/maintenance/{id}",
                        "POST /system/governance/kill-switch");
    }

    @Test
    void maintenance_refuses_non_admin_callers_but_serves_health_metrics_and_admins() {
        String reader = admin.post("/system/api-clients", Map.of("id", "reader")).status() == 201
                ? admin.post("/system/api-keys", Map.of("clientId", "reader", "name", "r", "scopes", List.of("read", "write")))
                .expect(201).json().path("key").asText()
                : null;
        assertThat(reader).isNotNull();
        admin.put("/system/maintenance/state", Map.of("state", "maintenance", "reason", "failover drill")).expect(200);

        List<String> wrong = new ArrayList<>();
        for (Route route : app.http().routes().all()) {
            boolean open = List.of("/live", "/ready", "/health", "/metrics").contains(route.path()) || control(route);
            HttpResponse<String> anonymous = call(route, null);
            HttpResponse<String> nonAdmin = call(route, reader);
            HttpResponse<String> asAdmin = call(route, adminKey);
            boolean anonymousRefused = code(anonymous).equals("MAINTENANCE_MODE");
            boolean nonAdminRefused = code(nonAdmin).equals("MAINTENANCE_MODE");
            if (open && (anonymousRefused || nonAdminRefused)) {
                wrong.add("open route refused: " + route.method() + " " + route.path());
            }
            if (!open && route.scope() == dev.valhalla.server.core.http.Scope.PUBLIC && !anonymousRefused) {
                wrong.add("public route served: " + route.method() + " " + route.path() + " -> " + anonymous.statusCode());
            }
            if (!open && route.scope() != dev.valhalla.server.core.http.Scope.ADMIN && !nonAdminRefused) {
                wrong.add("non-admin served: " + route.method() + " " + route.path() + " -> " + nonAdmin.statusCode());
            }
            // public routes do not authenticate, so a key sent to them makes no admin
            if (route.scope() != dev.valhalla.server.core.http.Scope.PUBLIC && code(asAdmin).equals("MAINTENANCE_MODE")) {
                wrong.add("admin refused: " + route.method() + " " + route.path());
            }
            if (anonymousRefused) {
                assertThat(anonymous.headers().firstValue("Retry-After")).hasValue("60");
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(HTTP_status("/live")).isEqualTo(200);
        assertThat(HTTP_status("/ready")).isEqualTo(200);
        assertThat(HTTP_status("/metrics")).isEqualTo(200);
    }

    private int HTTP_status(String path) {
        return call(new Route("GET", path, dev.valhalla.server.core.http.Scope.PUBLIC, false, "probe"), null).statusCode();
    }
}
