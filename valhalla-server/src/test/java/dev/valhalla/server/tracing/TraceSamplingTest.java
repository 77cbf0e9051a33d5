package dev.valhalla.server.tracing;

import dev.valhalla.server.systemlog.ObservedServer;
import dev.valhalla.server.systemlog.SystemLogSettings;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.valhalla.server.systemlog.ObservedServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Sample rate 0: nothing is traced unless the caller sampled. */
@ExtendWith(PostgresExtension.class)
class TraceSamplingTest {

    @Test
    void rate_zero_traces_nothing_but_a_callers_sampled_traceparent_is_traced(TestDatabase db) {
        try (ObservedServer server = ObservedServer.start(db, SystemLogSettings.defaults(),
                TracingSettings.defaults().withSampleRate(0))) {
            ApiClient reader = server.api("read");
            List<String> unsampled = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = server.get("/obs/items");
                String traceparent = response.headers().firstValue("traceparent").orElseThrow();
                assertThat(traceparent).endsWith("-00");
                unsampled.add(traceparent.split("-")[1]);
            }
            String sampled = TracingTest.randomHex(16);
            server.get("/obs/items", "traceparent", "00-" + sampled + "-" + TracingTest.randomHex(8) + "-01");

            eventually(Duration.ofSeconds(30), "the sampled trace", () ->
                    reader.get("/system/traces/" + sampled).status() == 200 ? true : null);

            assertThat(reader.get("/system/traces/" + sampled).json().path("spanCount").asInt()).isEqualTo(3);
            for (String traceId : unsampled) {
                reader.get("/system/traces/" + traceId).problem(404, "NOT_FOUND");
            }
        }
    }

    @Test
    void settings_default_to_a_tenth_and_reject_rates_outside_zero_to_one() {
        assertThat(TracingSettings.defaults().sampleRate()).isEqualTo(0.1);
        assertThat(TracingSettings.defaults().queueCapacity()).isEqualTo(10_000);
        assertThat(TracingSettings.from(setting -> switch (setting) {
            case TRACE_SAMPLE_RATE -> "0.5";
            case TRACE_QUEUE -> "20";
            default -> null;
        })).isEqualTo(new TracingSettings(0.5, 20, 500, Duration.ofMillis(250)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TracingSettings.from(setting -> switch (setting) {
            case TRACE_SAMPLE_RATE -> "1.5";
            case TRACE_QUEUE -> "none";
            default -> null;
        })).hasMessageContaining("VALHALLA_TRACE_SAMPLE_RATE").hasMessageContaining("VALHALLA_TRACE_QUEUE");
    }
}
