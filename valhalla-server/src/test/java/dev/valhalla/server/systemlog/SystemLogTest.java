package dev.valhalla.server.systemlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.server.tracing.TracingSettings;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.valhalla.server.systemlog.ObservedServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class SystemLogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ObservedServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start(TestDatabase db) {
        server = ObservedServer.start(db, SystemLogSettings.defaults(), TracingSettings.defaults().withSampleRate(0));
        admin = server.api("admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void events_of_a_request_are_queryable_by_its_correlation_id() {
        String correlationId = "obs-" + UUID.randomUUID();
        String message = "hello-" + UUID.randomUUID();
        assertThat(server.get("/obs/log?message=" + message, "X-Request-ID", correlationId).statusCode()).isEqualTo(200);

        JsonNode events = eventually(WAIT, "the request's events", () -> {
            JsonNode page = admin.get("/system/logs?correlationId=" + correlationId).expect(200).json();
            return page.path("events").isEmpty() ? null : page.path("events");
        });

        List<String> messages = new ArrayList<>();
        events.forEach(event -> {
            assertThat(event.path("correlationId").asText()).isEqualTo(correlationId);
            assertThat(event.path("traceId").asText()).hasSize(32);
            messages.add(event.path("message").asText());
        });
        assertThat(messages).contains("test event: " + message);
        // the access log line of the request stays out of the system log (one row per request otherwise)
        assertThat(messages).noneSatisfy(text -> assertThat(text).startsWith("GET /obs/log"));
        JsonNode logged = findByMessage(events, "test event: " + message);
        assertThat(logged.path("level").asText()).isEqualTo("INFO");
        assertThat(logged.path("logger").asText()).isEqualTo(ObservedServer.class.getName());
    }

    @Test
    void searches_by_level_logger_text_and_time_and_pages_with_a_cursor() {
        String marker = "page-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            server.get("/obs/log?message=" + marker + "-" + i);
        }
        eventually(WAIT, "three events", () ->
                admin.get("/system/logs?q=" + marker).expect(200).json().path("events").size() == 3 ? true : null);

        JsonNode first = admin.get("/system/logs?q=" + marker + "&limit=2&logger=dev.valhalla.server.systemlog").expect(200).json();
        assertThat(first.path("events")).hasSize(2);
        assertThat(first.path("events").get(0).path("message").asText()).endsWith(marker + "-2");
        String cursor = first.path("nextCursor").asText();
        JsonNode second = admin.get("/system/logs?q=" + marker + "&limit=2&cursor=" + cursor).expect(200).json();
        assertThat(second.path("events")).hasSize(1);
        assertThat(second.path("events").get(0).path("message").asText()).endsWith(marker + "-0");
        assertThat(second.path("nextCursor").isNull()).isTrue();

        assertThat(admin.get("/system/logs?q=" + marker + "&level=warn").expect(200).json().path("events")).isEmpty();
        assertThat(admin.get("/system/logs?q=" + marker + "&logger=dev.valhalla.server.keys").expect(200).json()
                .path("events")).isEmpty();
        assertThat(admin.get("/system/logs?q=" + marker.toUpperCase() + "&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")
                .expect(200).json().path("events")).hasSize(3);
        assertThat(admin.get("/system/logs?q=" + marker + "&from=2999-01-01T00:00:00Z").expect(200).json()
                .path("events")).isEmpty();
    }

    @Test
    void errors_with_the_same_fingerprint_form_one_group() {
        server.get("/obs/fail/17");
        server.get("/obs/fail/42");
        server.get("/obs/other-fail");

        JsonNode groups = eventually(WAIT, "two error groups", () -> {
            JsonNode found = admin.get("/system/errors").expect(200).json().path("groups");
            JsonNode failures = group(found, IllegalStateException.class.getName());
            return failures != null && failures.path("count").asLong() == 2
                    && group(found, UnsupportedOperationException.class.getName()) != null ? found : null;
        });

        JsonNode failures = group(groups, IllegalStateException.class.getName());
        assertThat(failures.path("sample").path("exception").asText()).contains("failure number 42");
        assertThat(failures.path("lastSeen").asText()).isGreaterThanOrEqualTo(failures.path("firstSeen").asText());
        assertThat(group(groups, UnsupportedOperationException.class.getName()).path("count").asLong()).isEqualTo(1);
        assertThat(group(groups, UnsupportedOperationException.class.getName()).path("fingerprint").asText())
                .isNotEqualTo(failures.path("fingerprint").asText());
        JsonNode errorEvents = admin.get("/system/logs?level=error&q=Unhandled").expect(200).json().path("events");
        assertThat(errorEvents).hasSizeGreaterThanOrEqualTo(3);
        assertThat(errorEvents.get(0).path("fingerprint").asText()).hasSize(32);
    }

    @Test
    void bad_parameters_are_422_problems_listing_each_field() {
        JsonNode problem = admin.get("/system/logs?level=LOUD&limit=0&from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z&cursor=abc")
                .problem(422, "VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("level", "limit", "to", "cursor");

        admin.get("/system/logs?limit=1001").problem(422, "VALIDATION_FAILED");
        admin.get("/system/logs?from=yesterday").problem(422, "VALIDATION_FAILED");
        admin.get("/system/errors?limit=0").problem(422, "VALIDATION_FAILED");
        admin.get("/system/errors?since=soon").problem(422, "VALIDATION_FAILED");
    }

    @Test
    void logs_and_errors_need_an_admin_key() {
        for (String path : List.of("/system/logs", "/system/errors")) {
            server.api(null).get(path).problem(401, "UNAUTHORIZED");
            server.api("read,write").get(path).problem(403, "FORBIDDEN");
        }
    }

    private static JsonNode findByMessage(JsonNode events, String message) {
        for (JsonNode event : events) {
            if (event.path("message").asText().equals(message)) {
                return event;
            }
        }
        throw new AssertionError("no event with message " + message);
    }

    private static JsonNode group(JsonNode groups, String exceptionClass) {
        for (JsonNode group : groups) {
            if (exceptionClass.equals(group.path("exceptionClass").asText())) {
                return group;
            }
        }
        return null;
    }
}
