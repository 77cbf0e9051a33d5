package dev.valhalla.server.security;

import dev.valhalla.server.ServerApp;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Two product servers on one database: a rule created on one is enforced by the other within a second. */
@ExtendWith(PostgresExtension.class)
class CrossInstanceBlocklistTest {

    @Test
    void a_rule_created_on_one_instance_is_enforced_on_another_within_a_second(TestDatabase db) {
        KeyTestServers.Started first = KeyTestServers.startServerApp(db, List.of());
        try (ServerApp firstApp = first.app();
             ServerApp second = ServerApp.start(ServerConfig.from(Map.of("VALHALLA_PORT", "0",
                     "VALHALLA_DATABASE_URL", db.jdbcUrl(), "VALHALLA_DRAIN_TIMEOUT", "2s")))) {
            ApiClient admin = new ApiClient(firstApp.url()).withKey(first.adminKey());
            ApiClient onSecond = new ApiClient(second.url()).withKey(first.adminKey());
            onSecond.get("/system/security/policies").expect(200);

            long policyId = admin.post("/system/security/policies", Map.of("name", "cluster")).expect(201)
                    .json().path("id").asLong();
            // both servers see requests from 127.0.0.1 directly (no trusted proxies): block the admin key itself
            admin.post("/system/security/blocklist", Map.of("policyId", policyId, "kind", "api_key",
                    "value", first.adminKey().substring(0, 12), "reason", "cross-instance test")).expect(201);

            long created = System.nanoTime();
            long deadline = created + Duration.ofSeconds(1).toNanos();
            int status;
            while ((status = onSecond.get("/system/security/policies").status()) != 403 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            assertThat(status).as("refused on the second instance within a second").isEqualTo(403);
            admin.get("/system/security/policies").problem(403, "BLOCKED");
        }
    }
}
