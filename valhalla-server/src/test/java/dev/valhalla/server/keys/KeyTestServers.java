package dev.valhalla.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.server.ServerApp;
import dev.valhalla.server.audit.AuditFeature;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.QueryMonitor;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.HttpServer;
import dev.valhalla.server.openapi.OpenApiFeature;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Servers for key and audit tests, and calling them over real HTTP. {@link #startServerApp} runs the
 * whole product and reads the admin key the first start prints; {@link #startWithClock} composes only
 * keys and audit around a hand-moved clock, for expiry and overlap windows.
 */
public final class KeyTestServers {

    /** Matches a key as printed. */
    public static final Pattern KEY = Pattern.compile("vh_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}");
    private static final Map<String, ApiClient> CLIENTS = new ConcurrentHashMap<>();

    private KeyTestServers() {
    }

    /**
     * The product's server and the admin key its first start printed.
     *
     * @param output everything the start printed to standard output
     */
    public record Started(ServerApp app, String adminKey, String output) {
    }

    /**
     * Starts the whole product on {@code db}, capturing standard output to read the admin key.
     *
     * @param variables extra {@code VALHALLA_*} name, value pairs
     */
    public static Started startServerApp(TestDatabase db, List<Feature> extraFeatures, String... variables) {
        Map<String, String> env = settings(db);
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        String[] output = new String[1];
        ServerApp app = capturingStandardOutput(output, () -> ServerApp.start(ServerConfig.from(env), extraFeatures));
        Matcher key = KEY.matcher(output[0]);
        return new Started(app, key.find() ? key.group() : null, output[0]);
    }

    /** Runs {@code start} with standard output captured into {@code output[0]}. */
    public static <T> T capturingStandardOutput(String[] output, java.util.function.Supplier<T> start) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return start.get();
        } finally {
            System.setOut(original);
            output[0] = captured.toString(StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> settings(TestDatabase db) {
        Map<String, String> env = new HashMap<>();
        env.put("VALHALLA_PORT", "0");
        env.put("VALHALLA_DATABASE_URL", db.jdbcUrl());
        env.put("VALHALLA_DRAIN_TIMEOUT", "2s");
        return env;
    }

    /** Keys and audit only, on {@code clock}, with {@code presetAdminKey} stored at start. */
    static ClockedServer startWithClock(TestDatabase db, Clock clock, String presetAdminKey) {
        ServerConfig config = ServerConfig.from(settings(db));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database database = new Database(config.database(), new QueryMonitor(config.monitor(), registry), registry);
        new SchemaMigration(ConnectionSource.of(db.jdbcUrl(), new Properties()), Duration.ofSeconds(60)).upgrade();
        AuditTrail audit = new AuditTrail(clock);
        ChangeNotifier changes = new ChangeNotifier(config.database(), Duration.ofSeconds(30));
        KeysFeature keys = new KeysFeature(database, audit, changes, clock,
                new AdminBootstrap(true, Optional.of(presetAdminKey), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        HttpServer http = new HttpServer(config.http(), database, registry, List.of(keys, new AuditFeature(audit), new OpenApiFeature()));
        http.start();
        changes.start();
        keys.start();
        return new ClockedServer(http, keys, changes, database, registry);
    }

    /** A server composed by {@link #startWithClock}. */
    record ClockedServer(HttpServer http, KeysFeature keys, ChangeNotifier changes, Database database,
                         PrometheusMeterRegistry registry)
            implements AutoCloseable {

        String url() {
            return "http://127.0.0.1:" + http.port();
        }

        @Override
        public void close() {
            http.drainAndStop(Duration.ofSeconds(2));
            keys.stop();
            changes.close();
            database.close();
            registry.close();
        }
    }

    /** A new random key in the key format, for {@code VALHALLA_ADMIN_KEY}-style presets. */
    static String randomKey() {
        return KeyToken.generate(new java.security.SecureRandom()).value();
    }

    /**
     * Sends a request through the shared client, which validates the exchange against the server's
     * OpenAPI document; {@code headers} are name, value pairs.
     */
    public static ApiClient.Response send(String url, String method, String path, String contentType, String body,
                                          String... headers) {
        return CLIENTS.computeIfAbsent(url, ApiClient::new).send(method, path, contentType, body, headers);
    }

    /** GET with {@code Authorization: Bearer key} (no header when {@code key} is null). */
    public static ApiClient.Response get(String url, String path, String key) {
        return key == null ? send(url, "GET", path, null, null) : send(url, "GET", path, null, null, "Authorization", "Bearer " + key);
    }

    /** POST of a JSON body with {@code Authorization: Bearer key}. */
    public static ApiClient.Response post(String url, String path, String key, String json) {
        return send(url, "POST", path, "application/json", json, "Authorization", "Bearer " + key);
    }

    /** The body as JSON. */
    public static JsonNode json(ApiClient.Response response) {
        return response.json();
    }

    /** One number from a query such as {@code SELECT count(*) FROM audit_entry}. */
    public static long count(TestDatabase db, String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement directly on the database (e.g. to tamper with a row). */
    public static int execute(TestDatabase db, String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
