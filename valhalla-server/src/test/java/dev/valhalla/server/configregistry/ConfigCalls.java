package dev.valhalla.server.configregistry;

import dev.valhalla.server.ServerApp;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.TestDatabase;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests and database counts the config registry tests share. */
final class ConfigCalls {

    private ConfigCalls() {
    }

    /** A PUT body. */
    static Map<String, Object> value(String type, Object value, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("value", value);
        body.put("reason", reason);
        return body;
    }

    /** Creates {@code path} (e.g. {@code payments/retry.max_attempts}) and returns the response. */
    static ApiClient.Response create(ApiClient admin, String path, String type, Object value) {
        return admin.put("/system/config/" + path, value(type, value, "test setup"), "If-None-Match", "*");
    }

    /** Updates {@code path} from version {@code version}. */
    static ApiClient.Response update(ApiClient admin, String path, long version, String type, Object value) {
        return admin.put("/system/config/" + path, value(type, value, "test change"), "If-Match", "\"" + version + "\"");
    }

    /** Rows in the history table. */
    static long versions(TestDatabase db) {
        return KeyTestServers.count(db, "SELECT count(*) FROM config_version");
    }

    /** Rows in the audit trail. */
    static long audited(TestDatabase db) {
        return KeyTestServers.count(db, "SELECT count(*) FROM audit_entry");
    }

    /**
     * Fails unless every pooled connection of {@code app} is back in its pool (within a second: the last
     * response may be sent a moment before its unit of work closes) and none was returned inside a
     * transaction.
     */
    static void assertNoConnectionsHeld(ServerApp app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (app.database().pools().stream().anyMatch(pool -> pool.active() > 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(app.database().pools()).allSatisfy(pool -> assertThat(pool.active()).as(pool.pool()).isZero());
        assertThat(app.database().rolledBackAtClose()).isZero();
    }

    /** A key with scope {@code scope} for a new client {@code clientId}. */
    static String issueKey(ApiClient admin, String clientId, String scope) {
        admin.post("/system/api-clients", Map.of("id", clientId, "description", "config tests")).expect(201);
        return admin.post("/system/api-keys", Map.of("clientId", clientId, "name", scope + " key", "scopes", java.util.List.of(scope)))
                .expect(201).json().path("key").asText();
    }
}
