package dev.valhalla.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.config.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;

import static dev.valhalla.server.TestServers.get;
import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    @TempDir
    Path dataDir;

    @Test
    void the_server_reports_an_outage_and_recovers_without_restart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres pg = start(port);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE test_item (id bigserial PRIMARY KEY, name text NOT NULL, quantity int NOT NULL)");
        }
        String url = pg.getJdbcUrl("postgres", "postgres");
        try (ServerApp app = ServerApp.start(ServerConfig.from(TestServers.settings(url,
                "VALHALLA_POOL_ACQUIRE_TIMEOUT", "1s", "VALHALLA_READY_TIMEOUT", "1s")), List.of(new TestFeature()))) {
            assertThat(get(app, "/ready").statusCode()).isEqualTo(200);
            assertThat(get(app, "/test/count").statusCode()).isEqualTo(200);

            pg.close();

            assertThat(get(app, "/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = poll(app, "/ready", r -> r.statusCode() == 503);
            assertThat(new ObjectMapper().readTree(ready.body()).path("checks").path("database").path("status").asText())
                    .isEqualTo("DOWN");
            HttpResponse<String> api = poll(app, "/test/count", r -> r.statusCode() == 503);
            assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(api.headers().firstValue("Retry-After")).isPresent();
            assertThat(new ObjectMapper().readTree(api.body()).path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(get(app, "/live").statusCode()).isEqualTo(200);

            pg = start(port);

            poll(app, "/ready", r -> r.statusCode() == 200);
            assertThat(poll(app, "/test/count", r -> r.statusCode() == 200).body()).contains("\"count\":0");
        } finally {
            pg.close();
        }
    }

    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static HttpResponse<String> poll(ServerApp app, String path, Predicate<HttpResponse<String>> until) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> last = get(app, path);
        while (!until.test(last) && System.nanoTime() < deadline) {
            last = get(app, path);
        }
        assertThat(until).as("%s never reached the expected state; last: %s %s", path, last.statusCode(), last.body())
                .accepts(last);
        return last;
    }
}
