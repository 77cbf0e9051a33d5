package dev.valhalla.server.keys;

import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.valhalla.server.testing.ApiClient;
import java.util.List;

import static dev.valhalla.server.keys.KeyTestServers.json;
import static dev.valhalla.server.keys.KeyTestServers.post;
import static dev.valhalla.server.keys.KeyTestServers.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/** Walks the route index, so routes added later are covered without touching this test. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemRouteAccessTest {

    private KeyTestServers.Started started;
    private String url;
    private String readKey;

    @BeforeAll
    void start(TestDatabase db) {
        started = KeyTestServers.startServerApp(db, List.of());
        url = started.app().url();
        String admin = started.adminKey();
        assertThat(post(url, "/system/api-clients", admin, "{\"id\": \"dashboard\"}").status()).isEqualTo(201);
        ApiClient.Response created = post(url, "/system/api-keys", admin, "{\"clientId\": \"dashboard\", \"scopes\": [\"read\"]}");
        readKey = json(created).path("key").asText();
    }

    @AfterAll
    void stop() {
        started.app().close();
    }

    private List<Route> systemRoutes() {
        List<Route> routes = started.app().http().routes().all().stream()
                .filter(route -> route.path().startsWith("/system/") || route.path().equals("/system")).toList();
        assertThat(routes).extracting(Route::path).contains("/system/api-keys", "/system/api-clients", "/system/audit",
                "/system/audit/verify");
        return routes;
    }

    private ApiClient.Response call(Route route, String... headers) {
        String path = route.path().replaceAll("\\{[^}]+}", "dummy").replaceAll("<[^>]+>", "dummy");
        boolean body = route.writes();
        return send(url, route.method(), path, body ? "application/json" : null, body ? "{}" : null, headers);
    }

    @Test
    void every_system_route_requires_a_scope() {
        assertSoftly(soft -> systemRoutes().forEach(route ->
                soft.assertThat(route.scope()).as(route.method() + " " + route.path()).isNotEqualTo(Scope.PUBLIC)));
    }

    @Test
    void every_system_route_answers_401_with_a_challenge_without_a_key() {
        assertSoftly(soft -> {
            for (Route route : systemRoutes()) {
                ApiClient.Response response = call(route);
                soft.assertThat(response.status()).as(route.method() + " " + route.path()).isEqualTo(401);
                soft.assertThat(response.headers().firstValue("WWW-Authenticate")).as(route.path()).isPresent();
                soft.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .as(route.path()).startsWith("application/problem+json");
            }
        });
    }

    @Test
    void every_system_route_answers_401_to_an_unknown_key() {
        String unknown = KeyTestServers.randomKey();
        assertSoftly(soft -> {
            for (Route route : systemRoutes()) {
                soft.assertThat(call(route, "X-API-Key", unknown).status()).as(route.method() + " " + route.path())
                        .isEqualTo(401);
            }
        });
    }

    @Test
    void every_system_route_beyond_read_answers_403_to_a_read_only_key() {
        assertSoftly(soft -> {
            for (Route route : systemRoutes()) {
                int status = call(route, "Authorization", "Bearer " + readKey).status();
                if (route.scope() == Scope.READ) {
                    soft.assertThat(status).as(route.method() + " " + route.path()).isNotIn(401, 403);
                } else {
                    soft.assertThat(status).as(route.method() + " " + route.path()).isEqualTo(403);
                }
            }
        });
    }
}
