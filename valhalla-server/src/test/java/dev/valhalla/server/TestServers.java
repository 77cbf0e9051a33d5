package dev.valhalla.server;

import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starting servers on port 0 against a test database, and calling them over real HTTP. */
final class TestServers {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The admin key every test server stores at its first start ({@code VALHALLA_ADMIN_KEY}). */
    static final String ADMIN_KEY = randomKey();

    private TestServers() {
    }

    static Map<String, String> settings(String jdbcUrl, String... overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("VALHALLA_PORT", "0");
        env.put("VALHALLA_DATABASE_URL", jdbcUrl);
        env.put("VALHALLA_DRAIN_TIMEOUT", "2s");
        env.put("VALHALLA_ADMIN_KEY", ADMIN_KEY);
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }

    /**
     * Starts a server with the test routes and releases the kill switch (engaged by default on a new
     * installation), so the test routes that write are open.
     */
    static ServerApp start(TestDatabase db, String... overrides) {
        createTestTable(db);
        ServerApp app = ServerApp.start(ServerConfig.from(settings(db.jdbcUrl(), overrides)), List.of(new TestFeature()));
        try {
            killSwitch(app, false);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** Engages or releases the kill switch through the admin API. */
    static void killSwitch(ServerApp app, boolean engaged) {
        HttpResponse<String> changed = post(app, "/system/governance/kill-switch", "application/json",
                "{\"engaged\": " + engaged + ", \"reason\": \"test\"}", "Authorization", admin());
        if (changed.statusCode() != 200) {
            throw new IllegalStateException("kill switch change refused: " + changed.statusCode() + " " + changed.body());
        }
    }

    static void createTestTable(TestDatabase db) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS test_item (id bigserial PRIMARY KEY, name text NOT NULL, quantity int NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random key in Valhalla's format: {@code vh_<8 base62>_<43 base62>}. */
    private static String randomKey() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("vh_");
        for (int i = 0; i < 8 + 43; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (i == 7) {
                key.append('_');
            }
        }
        return key.toString();
    }

    /** Creates a key of the bootstrap admin client with the given scopes and returns it. */
    static String key(ServerApp app, String... scopes) {
        String body = "{\"clientId\": \"admin\", \"name\": \"test-" + String.join("-", scopes) + "\", \"scopes\": [\""
                + String.join("\", \"", scopes) + "\"]}";
        HttpResponse<String> created = post(app, "/system/api-keys", "application/json", body, "Authorization", "Bearer " + ADMIN_KEY);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot create a test key: " + created.statusCode() + " " + created.body());
        }
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("vh_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}").matcher(created.body());
        if (!key.find()) {
            throw new IllegalStateException("no key in " + created.statusCode());
        }
        return key.group();
    }

    /** The Authorization header value for the admin key. */
    static String admin() {
        return "Bearer " + ADMIN_KEY;
    }

    static HttpResponse<String> get(ServerApp app, String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(app.url() + path)).GET(), headers);
    }

    static HttpResponse<String> post(ServerApp app, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder, headers);
    }

    static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
