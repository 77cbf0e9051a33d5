package dev.valhalla.server.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.systemlog.ObservedServer;
import dev.valhalla.server.systemlog.SystemLogSettings;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static dev.valhalla.server.systemlog.ObservedServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** A server sampling every request without a caller's decision (rate 1). */
@ExtendWith(PostgresExtension.class)
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ObservedServer server;
    private static ApiClient reader;

    @BeforeAll
    static void start(TestDatabase db) {
        server = ObservedServer.start(db, SystemLogSettings.defaults(), TracingSettings.defaults().withSampleRate(1.0));
        reader = server.api("read");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void probes_are_not_sampled_unless_the_caller_asks() {
        String[] scraped = server.get("/metrics").headers().firstValue("traceparent").orElseThrow().split("-");
        assertThat(scraped[3]).as("sample rate 1, but /metrics is a probe").isEqualTo("00");
        reader.get("/system/traces/" + scraped[1]).problem(404, "NOT_FOUND");

        String asked = randomHex(16);
        server.get("/metrics", "traceparent", "00-" + asked + "-" + randomHex(8) + "-01");
        assertThat(awaitTrace(asked).path("spans").get(0).path("name").asText()).isEqualTo("GET /metrics");
    }

    @Test
    void a_sampled_request_has_a_span_tree_with_its_sql_spans() {
        HttpResponse<String> response = server.get("/obs/items");
        assertThat(response.statusCode()).isEqualTo(200);
        String[] traceparent = response.headers().firstValue("traceparent").orElseThrow().split("-");
        assertThat(traceparent[3]).isEqualTo("01");

        JsonNode trace = awaitTrace(traceparent[1]);

        assertThat(trace.path("spanCount").asInt()).isEqualTo(3);
        assertThat(trace.path("spans")).hasSize(1);
        JsonNode root = trace.path("spans").get(0);
        assertThat(root.path("spanId").asText()).isEqualTo(traceparent[2]);
        assertThat(root.path("name").asText()).isEqualTo("GET /obs/items");
        assertThat(root.path("kind").asText()).isEqualTo("server");
        assertThat(root.path("status").asText()).isEqualTo("ok");
        assertThat(root.path("attributes").path("http.response.status_code").asInt()).isEqualTo(200);
        assertThat(root.path("parentSpanId").isNull()).isTrue();
        assertThat(root.path("children")).hasSize(2);
        for (JsonNode child : root.path("children")) {
            assertThat(child.path("kind").asText()).isEqualTo("sql");
            assertThat(child.path("name").asText()).isEqualTo("SQL SELECT");
            assertThat(child.path("parentSpanId").asText()).isEqualTo(root.path("spanId").asText());
            assertThat(child.path("durationMs").asDouble()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(root.path("durationMs").asDouble());
        }
        assertThat(root.path("children").get(1).path("attributes").path("db.statement").asText()).contains("pg_class");
    }

    @Test
    void a_callers_traceparent_is_continued_with_this_servers_span() {
        String traceId = randomHex(16);
        String parent = randomHex(8);
        HttpResponse<String> response = server.get("/obs/ping", "traceparent", "00-" + traceId + "-" + parent + "-01");
        String[] echoed = response.headers().firstValue("traceparent").orElseThrow().split("-");
        assertThat(echoed[1]).isEqualTo(traceId);
        assertThat(echoed[2]).isNotEqualTo(parent);
        assertThat(echoed[3]).isEqualTo("01");

        JsonNode root = awaitTrace(traceId).path("spans").get(0);

        assertThat(root.path("spanId").asText()).isEqualTo(echoed[2]);
        assertThat(root.path("parentSpanId").asText()).isEqualTo(parent);
        assertThat(root.path("children")).isEmpty();
    }

    @Test
    void a_caller_that_did_not_sample_is_not_traced_even_at_rate_one() {
        String traceId = randomHex(16);
        HttpResponse<String> response = server.get("/obs/items", "traceparent", "00-" + traceId + "-" + randomHex(8) + "-00");
        assertThat(response.headers().firstValue("traceparent").orElseThrow()).endsWith("-00");
        // a later sampled request of the same caller is written after it, so once that one is there, the first is not
        String later = randomHex(16);
        server.get("/obs/ping", "traceparent", "00-" + later + "-" + randomHex(8) + "-01");
        awaitTrace(later);

        reader.get("/system/traces/" + traceId).problem(404, "NOT_FOUND");
    }

    @Test
    void a_failing_request_has_an_error_span() {
        HttpResponse<String> response = server.get("/obs/fail/1");
        assertThat(response.statusCode()).isEqualTo(500);
        String traceId = response.headers().firstValue("traceparent").orElseThrow().split("-")[1];

        JsonNode root = awaitTrace(traceId).path("spans").get(0);

        assertThat(root.path("name").asText()).isEqualTo("GET /obs/fail/{n}");
        assertThat(root.path("status").asText()).isEqualTo("error");
        assertThat(root.path("attributes").path("url.path").asText()).isEqualTo("/obs/fail/1");
    }

    @Test
    void bad_and_unknown_trace_ids_are_problems_and_a_key_is_required() {
        reader.get("/system/traces/not-a-trace").problem(400, "BAD_REQUEST");
        reader.get("/system/traces/" + "0".repeat(32)).problem(400, "BAD_REQUEST");
        reader.get("/system/traces/" + randomHex(16)).problem(404, "NOT_FOUND");
        server.api(null).get("/system/traces/" + randomHex(16)).problem(401, "UNAUTHORIZED");
    }

    static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(value);
        value[0] |= 1;
        return HexFormat.of().formatHex(value);
    }

    private static JsonNode awaitTrace(String traceId) {
        return eventually(WAIT, "trace " + traceId, () -> {
            ApiClient.Response response = reader.get("/system/traces/" + traceId);
            return response.status() == 200 ? response.json() : null;
        });
    }
}
