package dev.valhalla.server.security;

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
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.keys.AdminBootstrap;
import dev.valhalla.server.keys.KeysFeature;
import dev.valhalla.server.maintenance.MovableClock;
import dev.valhalla.server.openapi.OpenApiFeature;
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
 * Keys, audit, OpenAPI and security composed around a hand-moved clock and chosen security settings,
 * plus a public test route that counts how often its handler ran.
 */
final class SecurityTestServer implements AutoCloseable {

    /** A public route whose handler counts its calls. */
    static final class CountingFeature implements Feature {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void register(Routes routes) {
            routes.get("/test/counted", Scope.PUBLIC, "Counts its calls", ctx -> {
                calls.incrementAndGet();
                ctx.json(Map.of("ok", true));
            });
            routes.get("/test/prefixed", Scope.PUBLIC, "Counts its calls too", ctx -> {
                calls.incrementAndGet();
                ctx.json(Map.of("ok", true));
            });
        }
    }

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    final MovableClock clock;
    final String adminKey;
    final CountingFeature counting = new CountingFeature();
    final SecurityFeature security;
    private final HttpServer http;
    private final ChangeNotifier changes;
    private final KeysFeature keys;
    private final Database database;
    private final PrometheusMeterRegistry registry;

    SecurityTestServer(TestDatabase db, MovableClock clock, SecuritySettings settings) {
        this.clock = clock;
        this.adminKey = randomKey();
        ServerConfig config = ServerConfig.from(Map.of("VALHALLA_PORT", "0", "VALHALLA_DATABASE_URL", db.jdbcUrl(),
                "VALHALLA_DRAIN_TIMEOUT", "2s", "VALHALLA_MAX_BODY_SIZE", "64KiB"));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        database = new Database(config.database(), new QueryMonitor(config.monitor(), registry), registry);
        new SchemaMigration(ConnectionSource.of(db.jdbcUrl(), new Properties()), Duration.ofSeconds(60)).upgrade();
        AuditTrail audit = new AuditTrail(clock);
        changes = new ChangeNotifier(config.database(), Duration.ofSeconds(30));
        keys = new KeysFeature(database, audit, changes, clock, new AdminBootstrap(true, Optional.of(adminKey),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        security = new SecurityFeature(database, audit, changes, clock, settings);
        http = new HttpServer(config.http(), database, registry,
                List.of(keys, new AuditFeature(audit), security, new OpenApiFeature(), counting));
        http.start();
        changes.start();
        keys.start();
        security.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.port();
    }

    ChangeNotifier changes() {
        return changes;
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
    static long count(TestDatabase db, String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.drainAndStop(Duration.ofSeconds(2));
        security.stop();
        keys.stop();
        changes.close();
        database.close();
        registry.close();
    }
}
