package dev.valhalla.server.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRateLimitTest {

    private EdgeTestServer server;
    private ApiClient admin;
    private TestDatabase db;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = EdgeTestServer.start(db, new MovableClock(Instant.parse("2030-01-15T10:00:00Z")), RateLimitSettings.defaults());
        admin = server.admin();
    }

    @AfterEach
    void removePolicies() {
        for (JsonNode policy : admin.get("/system/rate-limits").expect(200).json().path("policies")) {
            admin.delete("/system/rate-limits/" + policy.path("name").asText()).expect(204);
        }
        server.probe.calls.set(0);
    }

    @AfterAll
    void stop() {
        Burst.await(() -> server.activeConnections() == 0, "no connection is in use");
        server.close();
    }

    static Map<String, Object> policy(String name, String algorithm, long limit, Long window, String key, String prefix) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("algorithm", algorithm);
        body.put("limit", limit);
        if (window != null) {
            body.put("windowSeconds", window);
        }
        body.put("key", key);
        body.put("pathPrefix", prefix);
        return body;
    }

    @Test
    void exactly_the_limit_of_fifty_parallel_requests_succeed_and_the_rest_get_429_with_retry_after_and_headers() {
        admin.post("/system/rate-limits", policy("burst", "token_bucket", 10, 3600L, "ip", "/test/limited")).expect(201);
        ApiClient anonymous = server.anonymous();

        List<ApiClient.Response> responses = Burst.parallel(50, i -> anonymous.get("/test/limited"));

        assertThat(Burst.status(responses, 200)).isEqualTo(10);
        assertThat(Burst.status(responses, 429)).isEqualTo(40);
        assertThat(server.probe.calls.get()).isEqualTo(10);
        for (ApiClient.Response response : responses) {
            assertThat(response.header("RateLimit-Policy")).hasValue("\"burst\";q=10;w=3600");
            assertThat(response.header("RateLimit")).hasValueSatisfying(value -> assertThat(value).matches(Burst.LIMIT_ITEM));
            if (response.status() == 429) {
                JsonNode problem = response.problem(429, "RATE_LIMITED");
                assertThat(problem.path("type").asText()).isEqualTo("urn:valhalla:problem:rate-limited");
                assertThat(problem.path("policy").asText()).isEqualTo("burst");
                // 10 tokens per hour refill one every 360 s, and the clock stands still
                assertThat(response.header("Retry-After")).hasValue("360");
                assertThat(Burst.remaining(response, "burst")).isZero();
            }
        }
        Set<Long> remainingWhenAllowed = responses.stream().filter(r -> r.status() == 200)
                .map(r -> Burst.remaining(r, "burst")).collect(Collectors.toSet());
        assertThat(remainingWhenAllowed).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void a_token_bucket_refills_one_token_per_limit_th_of_the_window() {
        admin.post("/system/rate-limits", policy("refill", "token_bucket", 4, 60L, "ip", "/test/limited")).expect(201);
        ApiClient anonymous = server.anonymous();
        for (int i = 0; i < 4; i++) {
            anonymous.get("/test/limited").expect(200);
        }
        assertThat(anonymous.get("/test/limited").expect(429).header("Retry-After")).hasValue("15");

        server.clock.advance(Duration.ofSeconds(15));

        anonymous.get("/test/limited").expect(200);
        anonymous.get("/test/limited").problem(429, "RATE_LIMITED");
    }

    @Test
    void a_fixed_window_refills_whole_when_the_window_ends() {
        admin.post("/system/rate-limits", policy("window", "fixed_window", 3, 60L, "ip", "/test/limited")).expect(201);
        ApiClient anonymous = server.anonymous();
        for (int i = 0; i < 3; i++) {
            anonymous.get("/test/limited").expect(200);
        }
        assertThat(anonymous.get("/test/limited").problem(429, "RATE_LIMITED")).isNotNull();

        server.clock.advance(Duration.ofSeconds(60));

        for (int i = 0; i < 3; i++) {
            anonymous.get("/test/limited").expect(200);
        }
        anonymous.get("/test/limited").expect(429);
    }

    @Test
    void a_policy_limits_only_its_route_group() {
        Map<String, Object> writesOnly = policy("writes", "token_bucket", 1, 3600L, "ip", "/test/");
        writesOnly.put("writes", true);
        admin.post("/system/rate-limits", writesOnly).expect(201);
        ApiClient anonymous = server.anonymous();

        anonymous.send("POST", "/test/limited", null, null).expect(201);
        anonymous.send("POST", "/test/limited", null, null).problem(429, "RATE_LIMITED");
        ApiClient.Response read = anonymous.get("/test/limited").expect(200);

        assertThat(read.header("RateLimit")).isEmpty();
        assertThat(read.header("RateLimit-Policy")).isEmpty();
        assertThat(server.rateLimits.policiesFor(server.route("POST", "/test/limited"))).containsExactly("writes");
        assertThat(server.rateLimits.policiesFor(server.route("GET", "/test/limited"))).isEmpty();
    }

    @Test
    void a_disabled_policy_limits_nothing_and_replacing_a_policy_starts_its_buckets_afresh() {
        admin.post("/system/rate-limits", policy("tiny", "token_bucket", 1, 3600L, "ip", "/test/limited")).expect(201);
        ApiClient anonymous = server.anonymous();
        anonymous.get("/test/limited").expect(200);
        anonymous.get("/test/limited").expect(429);

        Map<String, Object> bigger = policy("tiny", "token_bucket", 2, 3600L, "ip", "/test/limited");
        JsonNode replaced = admin.put("/system/rate-limits/tiny", bigger).expect(200).json();
        assertThat(replaced.path("version").asLong()).isEqualTo(2);
        anonymous.get("/test/limited").expect(200);
        anonymous.get("/test/limited").expect(200);
        anonymous.get("/test/limited").expect(429);

        Map<String, Object> disabled = policy("tiny", "token_bucket", 2, 3600L, "ip", "/test/limited");
        disabled.put("enabled", false);
        admin.put("/system/rate-limits/tiny", disabled).expect(200);
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous.get("/test/limited").expect(200).header("RateLimit")).isEmpty();
        }
    }

    @Test
    void quotas_are_counted_per_client_and_reset_with_the_utc_day() {
        admin.post("/system/rate-limits", policy("daily", "daily_quota", 3, null, "client", "/test/quota")).expect(201);
        ApiClient alpha = server.anonymous().withKey(server.issueKey("alpha", "read"));
        ApiClient beta = server.anonymous().withKey(server.issueKey("beta", "read"));

        List<ApiClient.Response> burst = Burst.parallel(12, i -> alpha.get("/test/quota"));

        assertThat(Burst.status(burst, 200)).isEqualTo(3);
        ApiClient.Response refused = burst.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.problem(429, "QUOTA_EXCEEDED").path("type").asText()).isEqualTo("urn:valhalla:problem:quota-exceeded");
        // the day's quota renews at the next UTC midnight
        long untilMidnight = Duration.between(server.clock.instant(),
                server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1))).toSeconds();
        assertThat(refused.header("Retry-After")).hasValue(Long.toString(untilMidnight));
        assertThat(refused.header("RateLimit-Policy")).hasValue("\"daily\";q=3;w=86400");
        assertThat(refused.header("RateLimit")).hasValue("\"daily\";r=0;t=" + untilMidnight);
        for (int i = 0; i < 3; i++) {
            beta.get("/test/quota").expect(200);
        }
        beta.get("/test/quota").problem(429, "QUOTA_EXCEEDED");
        assertThat(EdgeTestServer.count(db, "SELECT sum(used) FROM rate_limit_quota_usage WHERE policy_name = 'daily'")).isEqualTo(6);

        server.clock.advance(Duration.ofSeconds(untilMidnight));

        alpha.get("/test/quota").expect(200);
    }

    @Test
    void a_monthly_quota_advertises_the_month_as_its_window() {
        admin.post("/system/rate-limits", policy("monthly", "monthly_quota", 2, null, "client", "/test/quota")).expect(201);
        ApiClient gamma = server.anonymous().withKey(server.issueKey("gamma", "read"));

        ApiClient.Response first = gamma.get("/test/quota").expect(200);

        // the clock is in January: 31 days
        assertThat(first.header("RateLimit-Policy")).hasValue("\"monthly\";q=2;w=" + Duration.ofDays(31).toSeconds());
        assertThat(Burst.remaining(first, "monthly")).isEqualTo(1);
        gamma.get("/test/quota").expect(200);
        gamma.get("/test/quota").problem(429, "QUOTA_EXCEEDED");
    }

    @Test
    void expired_local_buckets_are_purged() {
        admin.post("/system/rate-limits", policy("purged", "token_bucket", 5, 60L, "ip", "/test/limited")).expect(201);
        server.rateLimits.purgeExpired();
        server.anonymous().get("/test/limited").expect(200);
        assertThat(server.rateLimits.purgeExpired()).isZero();

        server.clock.advance(Duration.ofSeconds(61));

        assertThat(server.rateLimits.purgeExpired()).isEqualTo(1);
    }
}
