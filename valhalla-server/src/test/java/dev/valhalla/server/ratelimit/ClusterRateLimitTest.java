package dev.valhalla.server.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.maintenance.EdgeTestServer;
import dev.valhalla.server.maintenance.MovableClock;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.valhalla.server.ratelimit.LocalRateLimitTest.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances in cluster mode on one database share every limit. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRateLimitTest {

    private static final RateLimitSettings CLUSTER = new RateLimitSettings(RateLimitSettings.Mode.CLUSTER, Duration.ofMinutes(1));

    private TestDatabase db;
    private EdgeTestServer first;
    private EdgeTestServer second;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        first = EdgeTestServer.start(db, new MovableClock(Instant.parse("2030-03-10T08:00:00Z")), CLUSTER);
        second = EdgeTestServer.another(db, first, CLUSTER);
    }

    @AfterEach
    void removePolicies() {
        for (JsonNode policy : first.admin().get("/system/rate-limits").expect(200).json().path("policies")) {
            first.admin().delete("/system/rate-limits/" + policy.path("name").asText()).expect(204);
        }
        awaitPolicies(second, "GET", "/test/limited", List.of());
        awaitPolicies(second, "GET", "/test/quota", List.of());
        first.probe.calls.set(0);
        second.probe.calls.set(0);
    }

    @AfterAll
    void stop() {
        Burst.await(() -> first.activeConnections() == 0 && second.activeConnections() == 0, "no connection is in use");
        second.close();
        first.close();
    }

    /** Waits until {@code server} learned of a policy change made through the other instance. */
    private static void awaitPolicies(EdgeTestServer server, String method, String path, List<String> expected) {
        Route route = server.route(method, path);
        Burst.await(() -> server.rateLimits.policiesFor(route).equals(expected), path + " has policies " + expected);
    }

    @Test
    void exactly_the_limit_of_fifty_parallel_requests_split_across_two_instances_succeed() {
        first.admin().post("/system/rate-limits", policy("shared", "token_bucket", 10, 3600L, "ip", "/test/limited")).expect(201);
        awaitPolicies(second, "GET", "/test/limited", List.of("shared"));
        ApiClient one = first.anonymous();
        ApiClient two = second.anonymous();

        List<ApiClient.Response> responses = Burst.parallel(50, i -> (i % 2 == 0 ? one : two).get("/test/limited"));

        assertThat(Burst.status(responses, 200)).isEqualTo(10);
        assertThat(Burst.status(responses, 429)).isEqualTo(40);
        assertThat(first.probe.calls.get() + second.probe.calls.get()).isEqualTo(10);
        assertThat(first.probe.calls.get()).isPositive();
        assertThat(second.probe.calls.get()).isPositive();
        for (ApiClient.Response response : responses) {
            assertThat(response.header("RateLimit-Policy")).hasValue("\"shared\";q=10;w=3600");
            if (response.status() == 429) {
                response.problem(429, "RATE_LIMITED");
                assertThat(response.header("Retry-After")).hasValue("360");
                assertThat(response.header("RateLimit")).hasValue("\"shared\";r=0;t=3600");
            }
        }
        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM rate_limit_bucket WHERE policy_name = 'shared'")).isEqualTo(1);
    }

    @Test
    void a_fixed_window_is_shared_and_refills_when_the_window_ends() {
        first.admin().post("/system/rate-limits", policy("window", "fixed_window", 4, 60L, "ip", "/test/limited")).expect(201);
        awaitPolicies(second, "GET", "/test/limited", List.of("window"));

        List<ApiClient.Response> responses = Burst.parallel(12, i -> (i % 2 == 0 ? first : second).anonymous().get("/test/limited"));
        assertThat(Burst.status(responses, 200)).isEqualTo(4);
        assertThat(responses.stream().filter(r -> r.status() == 429).map(r -> r.header("Retry-After").orElseThrow()))
                .containsOnly("60");

        first.clock.advance(Duration.ofSeconds(60));

        responses = Burst.parallel(12, i -> (i % 2 == 0 ? first : second).anonymous().get("/test/limited"));
        assertThat(Burst.status(responses, 200)).isEqualTo(4);
    }

    @Test
    void a_token_bucket_refills_across_instances() {
        first.admin().post("/system/rate-limits", policy("trickle", "token_bucket", 2, 60L, "ip", "/test/limited")).expect(201);
        awaitPolicies(second, "GET", "/test/limited", List.of("trickle"));
        first.anonymous().get("/test/limited").expect(200);
        second.anonymous().get("/test/limited").expect(200);
        assertThat(first.anonymous().get("/test/limited").problem(429, "RATE_LIMITED")).isNotNull();

        first.clock.advance(Duration.ofSeconds(30));

        second.anonymous().get("/test/limited").expect(200);
        first.anonymous().get("/test/limited").expect(429);
    }

    @Test
    void a_client_quota_is_shared_by_both_instances() {
        first.admin().post("/system/rate-limits", policy("quota", "daily_quota", 5, null, "client", "/test/quota")).expect(201);
        awaitPolicies(second, "GET", "/test/quota", List.of("quota"));
        String key = first.issueKey("delta", "read");

        List<ApiClient.Response> responses = Burst.parallel(20,
                i -> (i % 2 == 0 ? first : second).anonymous().withKey(key).get("/test/quota"));

        assertThat(Burst.status(responses, 200)).isEqualTo(5);
        responses.stream().filter(r -> r.status() == 429).forEach(r -> r.problem(429, "QUOTA_EXCEEDED"));
    }

    @Test
    void expired_buckets_and_past_quota_periods_are_purged() {
        first.admin().post("/system/rate-limits", policy("short", "token_bucket", 5, 60L, "ip", "/test/limited")).expect(201);
        first.admin().post("/system/rate-limits", policy("day", "daily_quota", 5, null, "client", "/test/quota")).expect(201);
        awaitPolicies(second, "GET", "/test/quota", List.of("day"));
        awaitPolicies(second, "GET", "/test/limited", List.of("short"));
        String key = first.issueKey("epsilon", "read");
        first.anonymous().get("/test/limited").expect(200);
        second.anonymous().withKey(key).get("/test/quota").expect(200);
        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM rate_limit_bucket WHERE policy_name = 'short'")).isEqualTo(1);

        first.clock.advance(Duration.ofSeconds(61));
        first.rateLimits.purgeExpired();

        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM rate_limit_bucket WHERE policy_name = 'short'")).isZero();
        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM rate_limit_quota_usage WHERE policy_name = 'day'")).isEqualTo(1);

        first.clock.advance(Duration.ofDays(1));
        second.rateLimits.purgeExpired();

        assertThat(EdgeTestServer.count(db, "SELECT count(*) FROM rate_limit_quota_usage WHERE policy_name = 'day'")).isZero();
    }
}
