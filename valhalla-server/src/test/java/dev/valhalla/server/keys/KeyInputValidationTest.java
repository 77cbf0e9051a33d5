package dev.valhalla.server.keys;

import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.valhalla.server.keys.KeyTestServers.json;
import static dev.valhalla.server.keys.KeyTestServers.post;
import static dev.valhalla.server.keys.KeyTestServers.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyInputValidationTest {

    /** Over the default 1 MiB body limit. */
    private static final String HUGE = "{\"reason\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    private KeyTestServers.Started started;
    private TestDatabase db;
    private String url;
    private String admin;
    private String keyId;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        started = KeyTestServers.startServerApp(db, List.of());
        url = started.app().url();
        admin = started.adminKey();
        assertThat(post(url, "/system/api-clients", admin, "{\"id\": \"svc\"}").status()).isEqualTo(201);
        keyId = json(post(url, "/system/api-keys", admin, "{\"clientId\": \"svc\", \"scopes\": [\"write\"]}"))
                .path("apiKey").path("id").asText();
    }

    @AfterAll
    void stop() {
        started.app().close();
    }

    /** Everything a write could change, but last-used times (written asynchronously on use). */
    private String state() {
        // one statement on one connection: this runs twice per request, for hundreds of requests
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT concat_ws('/', (SELECT count(*) FROM audit_entry),"
                     + " (SELECT count(*) FROM api_client), (SELECT count(*) FROM api_client WHERE disabled_at IS NOT NULL),"
                     + " (SELECT count(*) FROM api_key),"
                     + " (SELECT count(*) FROM api_key WHERE revoked_at IS NOT NULL OR expires_at IS NOT NULL))")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refused(String path, String contentType, String body, int... statuses) {
        String before = state();
        ApiClient.Response response = send(url, "POST", path, contentType, body, "Authorization", "Bearer " + admin);
        assertThat(response.status()).as(path + " " + abbreviate(body)).isIn(toObjects(statuses));
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(state()).as("nothing written by " + path + " " + abbreviate(body)).isEqualTo(before);
    }

    private static Object[] toObjects(int[] statuses) {
        Object[] objects = new Object[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            objects[i] = statuses[i];
        }
        return objects;
    }

    private static String abbreviate(String body) {
        return body.length() > 80 ? body.substring(0, 80) + "…" : body;
    }

    @Test
    void bad_input_on_each_key_endpoint_is_a_4xx_problem_and_writes_nothing() {
        Map<String, List<String>> wrongTypes = Map.of(
                "/system/api-clients", List.of("{\"id\": 5}", "{\"id\": \"ok\", \"description\": [1]}", "{\"id\": \"UPPER case\"}", "{}"),
                "/system/api-keys", List.of("{\"clientId\": \"svc\", \"scopes\": \"read\"}",
                        "{\"clientId\": \"svc\", \"scopes\": [\"root\"]}", "{\"clientId\": 1, \"scopes\": [\"read\"]}",
                        "{\"clientId\": \"svc\", \"scopes\": [\"read\"], \"expiresAt\": \"tomorrow\"}",
                        "{\"clientId\": \"svc\", \"scopes\": [\"read\"], \"expiresAt\": \"2001-01-01T00:00:00Z\"}",
                        "{\"clientId\": \"nobody\", \"scopes\": [\"read\"]}"),
                "/system/api-keys/" + "KEY" + "/revoke", List.of("{\"reason\": 5}", "{\"reason\": {}}", "[]"),
                "/system/api-keys/" + "KEY" + "/rotate", List.of("{\"overlap\": \"soon\"}", "{\"overlap\": \"P90D\"}",
                        "{\"overlap\": \"-PT1H\"}", "{\"reason\": false}"),
                "/system/api-clients/svc/disable", List.of("{\"reason\": 5}", "\"text\""));
        wrongTypes.forEach((template, bodies) -> {
            String path = template.replace("KEY", keyId);
            refused(path, "application/json", "{\"reason\": ", 400);
            refused(path, "application/json", "{\"unknownField\": 1}", 422);
            refused(path, "application/json", HUGE, 413);
            refused(path, "text/plain", "{}", 415);
            for (String body : bodies) {
                refused(path, "application/json", body, 400, 422);
            }
        });
    }

    @Test
    void bad_bodies_on_every_system_write_route_are_4xx_never_500_and_write_nothing() {
        List<Route> writes = started.app().http().routes().all().stream()
                .filter(route -> route.path().startsWith("/system/") && route.writes()).toList();
        assertThat(writes).isNotEmpty();
        assertSoftly(soft -> {
            for (Route route : writes) {
                String path = route.path().replace("{keyId}", keyId).replace("{clientId}", "svc")
                        .replaceAll("\\{[^}]+}", "dummy");
                for (String body : new String[] {"{\"a\": ", "[1, 2]", "{\"unknownField\": true}", "17", HUGE}) {
                    String before = state();
                    int status = send(url, route.method(), path, "application/json", body, "Authorization", "Bearer " + admin)
                            .status();
                    soft.assertThat(status).as(route.method() + " " + path + " " + abbreviate(body)).isBetween(400, 499);
                    soft.assertThat(state()).as("nothing written by " + route.method() + " " + path).isEqualTo(before);
                }
            }
        });
    }
}
