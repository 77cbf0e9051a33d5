package dev.valhalla.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.valhalla.server.TestServers.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(PostgresExtension.class)
class MetricsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void health_metrics_and_the_query_monitor_report_what_happened(TestDatabase db) throws Exception {
        ListAppender<ILoggingEvent> slowLog = new ListAppender<>();
        slowLog.start();
        ch.qos.logback.classic.Logger slowLogger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.valhalla.server.slow-query");
        slowLogger.addAppender(slowLog);
        try (ServerApp app = TestServers.start(db, "VALHALLA_SLOW_QUERY_THRESHOLD", "200ms")) {
            for (int i = 0; i < 5; i++) {
                assertThat(get(app, "/test/count").statusCode()).isEqualTo(200);
            }
            assertThat(get(app, "/test/slow?seconds=0.3", "X-Request-ID", "slow-1").statusCode()).isEqualTo(200);

            JsonNode health = json.readTree(get(app, "/health").body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("database").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("schema").path("state").asText()).isEqualTo("AT_HEAD");

            assertThat(json.readTree(get(app, "/api/metrics/queries?limit=2", "Authorization", TestServers.admin()).body())
                    .path("statements")).hasSize(2);
            HttpResponse<String> queries = get(app, "/api/metrics/queries?limit=50", "Authorization", TestServers.admin());
            assertThat(queries.statusCode()).isEqualTo(200);
            JsonNode statements = json.readTree(queries.body()).path("statements");
            assertThat(statements.get(0).path("statement").asText()).isEqualTo("SELECT pg_sleep(?)::text");
            assertThat(statements.get(0).path("maxMillis").asDouble()).isGreaterThanOrEqualTo(300);
            assertThat(statements.findValuesAsText("statement")).contains("SELECT count(*) FROM test_item");
            assertThat(get(app, "/api/metrics/queries?limit=0", "Authorization", TestServers.admin()).statusCode()).isEqualTo(422);

            assertThat(slowLog.list).anyMatch(e -> e.getFormattedMessage().contains("pg_sleep")
                    && "slow-1".equals(e.getMDCPropertyMap().get("correlationId")));

            JsonNode database = json.readTree(get(app, "/api/metrics/database", "Authorization", TestServers.admin()).body());
            assertThat(database.path("pools").get(0).path("name").asText()).isEqualTo("write");
            assertThat(database.path("pools").get(0).path("max").asInt()).isEqualTo(10);
            assertThat(database.path("slowQueries").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(database.path("rolledBackAtClose").asLong()).isZero();

            HttpResponse<String> metrics = get(app, "/metrics");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body()).contains(
                    "http_server_requests_seconds_bucket{",
                    "route=\"/test/count\"",
                    "hikaricp_connections_active{pool=\"valhalla-write\"}",
                    "valhalla_db_query_seconds_count",
                    "valhalla_db_query_slow_total",
                    "jvm_memory_used_bytes");
        } finally {
            slowLogger.detachAppender(slowLog);
        }
    }

    @Test
    void metrics_exposition_passes_promtool_check(TestDatabase db) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool),
                "promtool is not installed (Debian package prometheus; .ci/run installs it): format check not run");
        try (ServerApp app = TestServers.start(db)) {
            assertThat(get(app, "/test/count").statusCode()).isEqualTo(200);
            String body = get(app, "/metrics").body();
            Path out = Files.createTempFile("valhalla-metrics", ".txt");
            Files.writeString(out, body);
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(out.toFile()).redirectErrorStream(true).start();
            String findings = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as("promtool check metrics: %s", findings).isZero();
            assertThat(body).contains("http_server_requests_seconds_bucket{");
        }
    }
}
