package dev.valhalla.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.valhalla.server.TestServers.get;
import static dev.valhalla.server.TestServers.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeTest {

    private final ObjectMapper json = new ObjectMapper();
    private ServerApp app;

    @BeforeAll
    void start(TestDatabase db) {
        app = TestServers.start(db, "VALHALLA_MAX_BODY_SIZE", "1KiB");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private JsonNode problem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("type").asText()).startsWith("urn:valhalla:problem:");
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("instance").asText()).startsWith("/");
        assertThat(body.path("correlationId").asText())
                .isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        return body;
    }

    @Test
    void malformed_json_is_a_400_problem() throws Exception {
        problem(post(app, "/test/items", "application/json", "{\"name\": "), 400, "MALFORMED_JSON");
    }

    @Test
    void unknown_path_is_a_404_problem() throws Exception {
        problem(get(app, "/no/such/route"), 404, "ROUTE_NOT_FOUND");
    }

    @Test
    void wrong_method_is_a_405_problem() throws Exception {
        HttpResponse<String> response = TestServers.send(HttpRequest.newBuilder(URI.create(app.url() + "/live"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));
        problem(response, 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void body_over_the_limit_is_a_413_problem_and_nothing_is_written() throws Exception {
        String huge = "{\"name\": \"" + "x".repeat(4096) + "\", \"quantity\": 1}";
        String before = get(app, "/test/count").body();
        problem(post(app, "/test/items", "application/json", huge), 413, "PAYLOAD_TOO_LARGE");
        assertThat(get(app, "/test/count").body()).isEqualTo(before);
    }

    @Test
    void wrong_content_type_is_a_415_problem() throws Exception {
        problem(post(app, "/test/items", "text/plain", "{\"name\": \"a\", \"quantity\": 1}"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void invalid_fields_are_a_422_problem_listing_every_field() throws Exception {
        JsonNode body = problem(post(app, "/test/items", "application/json", "{\"name\": \"\", \"quantity\": 0}"),
                422, "VALIDATION_FAILED");
        assertThat(body.path("errors")).hasSize(2);
        assertThat(body.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "quantity");
    }

    @Test
    void wrong_types_and_unknown_fields_are_422_problems_naming_the_field() throws Exception {
        JsonNode wrongType = problem(post(app, "/test/items", "application/json", "{\"name\": \"a\", \"quantity\": \"many\"}"),
                422, "VALIDATION_FAILED");
        assertThat(wrongType.path("errors").get(0).path("field").asText()).isEqualTo("quantity");
        JsonNode unknown = problem(post(app, "/test/items", "application/json", "{\"name\": \"a\", \"quantity\": 1, \"extra\": 2}"),
                422, "VALIDATION_FAILED");
        assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("extra");
    }

    @Test
    void unknown_exceptions_are_500_problems_without_internals() throws Exception {
        JsonNode body = problem(get(app, "/test/boom"), 500, "INTERNAL_ERROR");
        assertThat(body.path("detail").asText()).doesNotContain("boom");
    }

    @Test
    void scoped_routes_answer_401_without_credentials_and_403_without_the_scope() throws Exception {
        problem(get(app, "/test/read"), 401, "API_KEY_MISSING");
        problem(get(app, "/test/admin", "Authorization", "Bearer " + TestServers.key(app, "read")), 403, "FORBIDDEN");
        problem(get(app, "/api/metrics/queries"), 401, "API_KEY_MISSING");
        assertThat(get(app, "/test/read", "Authorization", TestServers.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void valid_input_is_written() throws Exception {
        HttpResponse<String> response = post(app, "/test/items", "application/json", "{\"name\": \"bolt\", \"quantity\": 3}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json.readTree(response.body()).path("quantity").asInt()).isEqualTo(3);
    }

    @Test
    void the_callers_request_id_is_echoed_and_in_every_log_line_of_the_request() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ROOT");
        root.addAppender(appender);
        try {
            HttpResponse<String> response = post(app, "/test/items", "application/json",
                    "{\"name\": \"nut\", \"quantity\": 2}", "X-Request-ID", "req-12345");
            assertThat(response.headers().firstValue("X-Request-ID")).hasValue("req-12345");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (appender.list.stream().noneMatch(e -> e.getLoggerName().equals("dev.valhalla.server.access"))
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            var lines = appender.list.stream().filter(e -> "req-12345".equals(e.getMDCPropertyMap().get("correlationId"))).toList();
            assertThat(lines).extracting(ILoggingEvent::getLoggerName)
                    .contains(TestFeature.class.getName(), "dev.valhalla.server.access");
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("inserting item nut"));
        } finally {
            root.detachAppender(appender);
        }
    }

    @Test
    void a_valid_traceparent_keeps_its_trace_id_and_gets_a_new_span() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = get(app, "/live", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        String echoed = response.headers().firstValue("traceparent").orElseThrow();
        assertThat(echoed).startsWith("00-" + traceId + "-").endsWith("-01").doesNotContain("00f067aa0ba902b7");
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue(traceId);
    }

    @Test
    void an_invalid_traceparent_starts_a_new_trace() {
        HttpResponse<String> response = get(app, "/live", "traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        String echoed = response.headers().firstValue("traceparent").orElseThrow();
        // the flags of a new trace are the sampling decision (VALHALLA_TRACE_SAMPLE_RATE), not the caller's
        assertThat(echoed).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain("00000000000000000000000000000000");
    }

    @Test
    void the_kill_switch_refuses_service_writes_at_once_and_keeps_administration_open() throws Exception {
        TestServers.killSwitch(app, true);
        try {
            JsonNode refused = problem(post(app, "/test/items", "application/json", "{\"name\": \"x\", \"quantity\": 1}"),
                    503, "KILL_SWITCH_ENGAGED");
            assertThat(refused.path("correlationId").asText()).isNotBlank();
            assertThat(get(app, "/test/count").statusCode()).isEqualTo(200);
            assertThat(get(app, "/system/governance/state", "Authorization", TestServers.admin()).statusCode()).isEqualTo(200);
        } finally {
            TestServers.killSwitch(app, false);
        }
        assertThat(post(app, "/test/items", "application/json", "{\"name\": \"x\", \"quantity\": 1}").statusCode()).isEqualTo(201);
    }
}
