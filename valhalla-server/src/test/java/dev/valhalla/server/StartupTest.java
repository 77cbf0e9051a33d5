package dev.valhalla.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class StartupTest {

    /** The migration engine's advisory lock key ("valmigra"). */
    private static final long MIGRATION_LOCK = 0x76616C6D69677261L;

    @Test
    void readiness_stays_false_until_the_schema_is_at_head_and_restarts_change_nothing(TestDatabase db) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ServerConfig config = ServerConfig.from(TestServers.settings(db.jdbcUrl(), "VALHALLA_PORT", Integer.toString(port)));
        CompletableFuture<ServerApp> starting;
        try (Connection holder = db.connect(); Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            starting = CompletableFuture.supplyAsync(() -> ServerApp.start(config));
            HttpResponse<String> ready = pollReady(port, 503);
            assertThat(new ObjectMapper().readTree(ready.body()).path("checks").path("schema").path("state").asText())
                    .isEqualTo("MIGRATING");
            assertThat(starting).isNotDone();
            lock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
        }
        ServerApp first = starting.get(60, TimeUnit.SECONDS);
        long history;
        try (first) {
            assertThat(pollReady(port, 200).body()).contains("\"ready\":true");
            history = historyCount(db);
            assertThat(history).isPositive();
        }
        for (int restart = 0; restart < 3; restart++) {
            try (ServerApp again = ServerApp.start(config)) {
                assertThat(again.schema().status().detail()).contains("nothing to apply");
                assertThat(historyCount(db)).isEqualTo(history);
            }
        }
    }

    private static long historyCount(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SchemaMigration.HISTORY_SCHEMA + ".revision_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpResponse<String> pollReady(int port, int status) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = TestServers.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (java.io.IOException notListeningYet) {
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("/ready never answered " + status + "; last: " + (last == null ? "no answer" : last.body()));
    }
}
