package dev.valhalla.server.systemlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.QueryMonitor;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.core.error.UnauthorizedException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.HttpServer;
import dev.valhalla.server.core.http.Principal;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.observability.MetricsFeature;
import dev.valhalla.server.openapi.OpenApiFeature;
import dev.valhalla.server.routes.RateLimitLookup;
import dev.valhalla.server.routes.RouteIndexFeature;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.server.tracing.TracingFeature;
import dev.valhalla.server.tracing.TracingSettings;
import dev.valhalla.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The system log, tracing and route index composed around the core on port 0, with settings chosen by
 * the test (queue sizes, sample rate), a test authenticator (header {@code X-API-Key: read,admin}: the scopes themselves)
 * and test routes that log, fail and query under {@code /obs/}.
 */
public final class ObservedServer implements AutoCloseable {

    /** The header the test authenticator reads. */
    public static final String SCOPES = "X-API-Key";
    private static final Logger LOG = LoggerFactory.getLogger(ObservedServer.class);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusMeterRegistry registry;
    private final Database database;
    private final HttpServer http;
    private final List<Feature> features;
    private final TracingFeature tracing;

    private ObservedServer(TestDatabase db, SystemLogSettings log, TracingSettings trace) {
        ServerConfig config = ServerConfig.from(Map.of("VALHALLA_PORT", "0", "VALHALLA_DATABASE_URL", db.jdbcUrl(),
                "VALHALLA_POOL_MAX_SIZE", "10"));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        database = new Database(config.database(), new QueryMonitor(config.monitor(), registry), registry);
        new SchemaMigration(ConnectionSource.of(db.jdbcUrl(), new Properties()), Duration.ofSeconds(60)).upgrade();
        tracing = new TracingFeature(config.database(), registry, trace);
        features = List.of(new MetricsFeature(registry, database), tracing, new SystemLogFeature(config.database(), registry, log),
                new RouteIndexFeature(RateLimitLookup.NONE), new OpenApiFeature(), new TestRoutes(tracing));
        http = new HttpServer(config.http(), database, registry, features);
    }

    /** Starts a server on {@code db} with these settings. */
    public static ObservedServer start(TestDatabase db, SystemLogSettings log, TracingSettings trace) {
        ObservedServer server = new ObservedServer(db, log, trace);
        server.http.start();
        for (Feature feature : server.features) {
            feature.start();
        }
        return server;
    }

    /** The base URL. */
    public String url() {
        return "http://127.0.0.1:" + http.port();
    }

    /** The database core (pool state after a test). */
    public Database database() {
        return database;
    }

    /** The value of a counter, 0 when it does not exist. */
    public double counter(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** GET with {@code headers} as name, value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The OpenAPI-validating client with the given test scopes (e.g. {@code "admin"}; null for none). */
    public ApiClient api(String scopes) {
        ApiClient client = new ApiClient(url());
        return scopes == null ? client : client.withHeader(SCOPES, scopes);
    }

    /** The body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code probe} until it returns non-null, failing after {@code timeout}. */
    public static <T> T eventually(Duration timeout, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            // the polling interval; the deadline above decides how long to wait
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Override
    public void close() {
        http.drainAndStop(Duration.ofSeconds(2));
        for (Feature feature : features.reversed()) {
            feature.stop();
        }
        database.close();
        registry.close();
    }

    /** Test routes and the test authenticator. */
    private static final class TestRoutes implements Feature {
        private final TracingFeature tracing;

        TestRoutes(TracingFeature tracing) {
            this.tracing = tracing;
        }

        @Override
        public void register(Routes routes) {
            routes.authenticator(ctx -> {
                String header = ctx.header(SCOPES);
                if (header == null) {
                    throw new UnauthorizedException(SCOPES + " missing");
                }
                Set<Scope> scopes = EnumSet.noneOf(Scope.class);
                for (String scope : header.split(",")) {
                    if (!scope.isBlank()) {
                        scopes.add(Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT)));
                    }
                }
                return new Principal("test-key", "test-client", scopes);
            });
            routes.get("/obs/ping", Scope.PUBLIC, "Answers without the database", ctx -> ctx.result("pong"));
            routes.get("/obs/log", Scope.PUBLIC, "Logs the message at INFO", ctx -> {
                LOG.info("test event: {}", ctx.queryParam("message"));
                ctx.result("logged");
            });
            routes.get("/obs/fail/{n}", Scope.PUBLIC, "Fails with an unknown exception", ctx -> {
                throw new IllegalStateException("failure number " + ctx.pathParam("n"));
            });
            routes.get("/obs/other-fail", Scope.PUBLIC, "Fails differently", ctx -> {
                throw new UnsupportedOperationException("not supported here");
            });
            routes.get("/obs/items", Scope.PUBLIC, "Runs two statements", tracing.tracer().traced((ctx, handle) -> {
                List<Object> results = new ArrayList<>();
                results.add(handle.createQuery("SELECT 1").mapTo(Integer.class).one());
                results.add(handle.createQuery("SELECT count(*) FROM pg_class WHERE relkind = :kind")
                        .bind("kind", "r").mapTo(Long.class).one());
                ctx.json(Map.of("results", results));
            }));
        }
    }
}
