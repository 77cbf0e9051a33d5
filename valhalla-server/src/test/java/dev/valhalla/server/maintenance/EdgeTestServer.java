package dev.valhalla.server.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.server.audit.AuditFeature;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.QueryMonitor;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.HttpServer;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.keys.AdminBootstrap;
import dev.valhalla.server.keys.KeysFeature;
import dev.valhalla.server.openapi.OpenApiFeature;
import dev.valhalla.server.ratelimit.RateLimitFeature;
import dev.valhalla.server.ratelimit.RateLimitSettings;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keys, audit, OpenAPI, rate limits and the maintenance shield composed around a hand-moved clock and
 * chosen rate-limit settings (as the composition root composes them, rate limits before the shield),
 * plus probe routes whose handlers count their calls. Several may run on one database (cluster tests).
 */
public final class EdgeTestServer implements AutoCloseable {

    /** Probe routes: a public read and write, a read-scope read, and a write-scope configuration change. */
    public static final class ProbeFeature implements Feature {
        public final AtomicInteger calls = new AtomicInteger();
        private final Freeze freeze;

        ProbeFeature(Freeze freeze) {
            this.freeze = freeze;
        }

        @Override
        public void register(Routes routes) {
            routes.get("/test/limited", Scope.PUBLIC, "A public read that counts its calls", ctx -> {
                calls.incrementAndGet();
                ctx.json(Map.of("ok", true));
            });
            routes.post("/test/limited", Scope.PUBLIC, "A public write that counts its calls", ctx -> {
                calls.incrementAndGet();
                ctx.status(201).json(Map.of("ok", true));
            });
            routes.get("/test/quota", Scope.READ, "A read-scope read that counts its calls", ctx -> {
                calls.incrementAndGet();
                ctx.json(Map.of("ok", true));
            });
            routes.post("/test/config", Scope.WRITE, "A configuration change guarded by the freeze switch", (ctx, handle) -> {
                freeze.requireChangeAllowed(ctx, handle, "test.config");
                handle.createUpdate("INSERT INTO test_config_change (note) VALUES ('changed')").execute();
                calls.incrementAndGet();
                ctx.status(201).json(Map.of("changed", true));
            });
        }
    }

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public final MovableClock clock;
    public final String adminKey;
    public final RateLimitFeature rateLimits;
    public final MaintenanceFeature maintenance;
    public final ProbeFeature probe;
    private final HttpServer http;
    private final ChangeNotifier changes;
    private final KeysFeature keys;
    private final Database database;
    private final PrometheusMeterRegistry registry;

    private EdgeTestServer(TestDatabase db, MovableClock clock, RateLimitSettings settings, String adminKey) {
        this.clock = clock;
        this.adminKey = adminKey;
        ServerConfig config = ServerConfig.from(Map.of("VALHALLA_PORT", "0", "VALHALLA_DATABASE_URL", db.jdbcUrl(),
                "VALHALLA_DRAIN_TIMEOUT", "2s", "VALHALLA_MAX_BODY_SIZE", "64KiB"));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        database = new Database(config.database(), new QueryMonitor(config.monitor(), registry), registry);
        new SchemaMigration(ConnectionSource.of(db.jdbcUrl(), new Properties()), Duration.ofSeconds(60)).upgrade();
        execute(db, "CREATE TABLE IF NOT EXISTS test_config_change (id bigserial PRIMARY KEY, note text NOT NULL)");
        AuditTrail audit = new AuditTrail(clock);
        changes = new ChangeNotifier(config.database(), Duration.ofSeconds(30));
        keys = new KeysFeature(database, audit, changes, clock, new AdminBootstrap(true, Optional.of(adminKey),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        maintenance = new MaintenanceFeature(database, audit, changes, clock);
        rateLimits = new RateLimitFeature(database, audit, changes, maintenance.freeze(), settings, clock);
        probe = new ProbeFeature(maintenance.freeze());
        http = new HttpServer(config.http(), database, registry,
                List.of(keys, new AuditFeature(audit), rateLimits, maintenance, new OpenApiFeature(), probe));
        http.start();
        changes.start();
        keys.start();
        rateLimits.start();
        maintenance.start();
    }

    /** A server with a new admin key. */
    public static EdgeTestServer start(TestDatabase db, MovableClock clock, RateLimitSettings settings) {
        return new EdgeTestServer(db, clock, settings, randomKey());
    }

    /** Another instance on the same database, sharing the admin key of {@code first}. */
    public static EdgeTestServer another(TestDatabase db, EdgeTestServer first, RateLimitSettings settings) {
        return new EdgeTestServer(db, first.clock, settings, first.adminKey);
    }

    public String url() {
        return "http://127.0.0.1:" + http.port();
    }

    /** A validating client without credentials. */
    public ApiClient anonymous() {
        return new ApiClient(url());
    }

    /** A validating client with the admin key. */
    public ApiClient admin() {
        return anonymous().withKey(adminKey);
    }

    /** The registered route with this method and path template. */
    public Route route(String method, String path) {
        return http.routes().find(method, path).orElseThrow();
    }

    /** All registered routes. */
    public List<Route> routes() {
        return http.routes().all();
    }

    /** Creates client {@code clientId} when missing and issues it a key with {@code scopes}; returns the key. */
    public String issueKey(String clientId, String... scopes) {
        ApiClient admin = admin();
        if (admin.get("/system/api-clients/" + clientId).status() == 404) {
            admin.post("/system/api-clients", Map.of("id", clientId)).expect(201);
        }
        JsonNode issued = admin.post("/system/api-keys", Map.of("clientId", clientId, "name", "test", "scopes", List.of(scopes)))
                .expect(201).json();
        return issued.path("key").asText();
    }

    static String randomKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("vh_");
        for (int i = 0; i < 8 + 1 + 43; i++) {
            key.append(i == 8 ? '_' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** One number from a query on the test database. */
    public static long count(TestDatabase db, String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the test database. */
    public static void execute(TestDatabase db, String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connections of the write pool in use (0 once every request finished). */
    public int activeConnections() {
        return database.pools().get(0).active();
    }

    @Override
    public void close() {
        http.drainAndStop(Duration.ofSeconds(2));
        maintenance.stop();
        rateLimits.stop();
        keys.stop();
        changes.close();
        database.close();
        registry.close();
    }
}
