package dev.valhalla.server;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static dev.valhalla.server.TestServers.admin;
import static dev.valhalla.server.TestServers.get;
import static dev.valhalla.server.TestServers.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rate limit keyed by IP counts the client the edge resolved: behind a trusted proxy each forwarded
 * client has its own bucket; from an untrusted peer, a forged X-Forwarded-For changes nothing.
 */
@ExtendWith(PostgresExtension.class)
class ForwardedClientRateLimitTest {

    /** Two requests per hour per client address on /test/count (policies are per database; names differ per test). */
    private static String policy(String name) {
        return "{\"name\": \"" + name + "\", \"algorithm\": \"token_bucket\", \"limit\": 2, "
                + "\"windowSeconds\": 3600, \"key\": \"ip\", \"pathPrefix\": \"/test/count\"}";
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket(TestDatabase db) {
        try (ServerApp app = TestServers.start(db, "VALHALLA_TRUSTED_PROXIES", "127.0.0.1/32")) {
            assertThat(post(app, "/system/rate-limits", "application/json", policy("per-forwarded-ip"), "Authorization", admin()).statusCode())
                    .isEqualTo(201);
            assertThat(statuses(app, "198.51.100.1", 3)).containsExactly(200, 200, 429);
            // another client behind the same proxy still has its two requests
            assertThat(statuses(app, "198.51.100.2", 3)).containsExactly(200, 200, 429);
        }
    }

    @Test
    void without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit(TestDatabase db) {
        try (ServerApp app = TestServers.start(db)) {
            assertThat(post(app, "/system/rate-limits", "application/json", policy("per-peer-ip"), "Authorization", admin()).statusCode())
                    .isEqualTo(201);
            assertThat(statuses(app, "198.51.100.1", 2)).containsExactly(200, 200);
            assertThat(statuses(app, "198.51.100.2", 1)).containsExactly(429);
        }
    }

    private static int[] statuses(ServerApp app, String forwardedFor, int count) {
        int[] statuses = new int[count];
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = get(app, "/test/count", "X-Forwarded-For", forwardedFor);
            statuses[i] = response.statusCode();
        }
        return statuses;
    }
}
