package dev.valhalla.server;

import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.migrate.local.LocalPostgres;
import dev.valhalla.server.audit.AuditFeature;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.config.DatabaseSettings;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.config.Setting;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.QueryMonitor;
import dev.valhalla.server.core.db.SchemaMigration;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.HttpServer;
import dev.valhalla.server.admin.AdminOverviewFeature;
import dev.valhalla.server.configregistry.ConfigFeature;
import dev.valhalla.server.governance.GovernanceFeature;
import dev.valhalla.server.maintenance.MaintenanceFeature;
import dev.valhalla.server.openapi.OpenApiFeature;
import dev.valhalla.server.ratelimit.RateLimitFeature;
import dev.valhalla.server.ratelimit.RateLimitSettings;
import dev.valhalla.server.routes.RouteIndexFeature;
import dev.valhalla.server.security.SecurityFeature;
import dev.valhalla.server.security.SecuritySettings;
import dev.valhalla.server.systemlog.SystemLogFeature;
import dev.valhalla.server.systemlog.SystemLogSettings;
import dev.valhalla.server.tracing.TracingFeature;
import dev.valhalla.server.tracing.TracingSettings;
import org.jdbi.v3.core.statement.SqlLogger;
import dev.valhalla.server.keys.AdminBootstrap;
import dev.valhalla.server.keys.KeysFeature;
import dev.valhalla.server.observability.HealthFeature;
import dev.valhalla.server.observability.Lifecycle;
import dev.valhalla.server.observability.MetricsFeature;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The composition root: builds every object with its constructor, starts them in order and stops
 * them in reverse. Start: embedded PostgreSQL (unless {@code VALHALLA_DATABASE_URL}), pools, HTTP
 * (so {@code /live} answers and {@code /ready} says why it is not ready), schema to head under the
 * migration lock, a {@code server_instance} row for this start, {@link Feature#start()} of every
 * feature, then ready. Close: readiness false,
 * in-flight requests drained (bounded), features stopped, pools closed, embedded database stopped.
 *
 * <p>Extension point: add a feature in {@link #features}; tests pass extra features (test-only
 * routes) to {@link #start(ServerConfig, List)}. Thread-safe: {@link #close()} is idempotent.
 */
public final class ServerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
    /** The database of the embedded server (the same one {@code valhalla db} uses). */
    static final String EMBEDDED_DATABASE = "postgres";

    private final ServerConfig config;
    private final LocalPostgres embedded;
    private final PrometheusMeterRegistry registry;
    private final Database database;
    private final SchemaMigration schema;
    private final Lifecycle lifecycle = new Lifecycle();
    private final ChangeNotifier changes;
    private final List<Feature> features;
    private final HttpServer http;
    private final String instanceId = UUID.randomUUID().toString();
    private boolean closed;

    private ServerApp(ServerConfig configured, List<Feature> extraFeatures) {
        this.embedded = configured.database().embedded()
                ? LocalPostgres.start(configured.database().dataDir().resolve("postgres")) : null;
        // on SIGTERM the database must outlive the drain: it stops in close(), after the pools
        if (embedded != null && !embedded.stopOnlyOnClose()) {
            LOG.warn("The embedded PostgreSQL may stop before in-flight requests drain on SIGTERM");
        }
        try {
            this.config = embedded == null ? configured : configured.withDatabase(
                    configured.database().withUrl(embedded.jdbcUrl(EMBEDDED_DATABASE), "postgres"));
            this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            bindJvmMetrics();
            this.database = new Database(config.database(), new QueryMonitor(config.monitor(), registry), registry);
            this.schema = new SchemaMigration(connectionSource(config.database()), Duration.ofSeconds(60));
            this.changes = new ChangeNotifier(config.database(), ChangeNotifier.refreshInterval(config.value(Setting.CHANGE_REFRESH_INTERVAL)));
            this.features = features(extraFeatures);
            this.http = new HttpServer(config.http(), database, registry, features);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * The product's features in registration order. Add new features here, constructed with the core
     * objects they need ({@link #database}, {@link #registry}, {@link #config}).
     */
    private List<Feature> features(List<Feature> extraFeatures) {
        Clock clock = Clock.systemUTC();
        List<Feature> all = new ArrayList<>();
        all.add(new HealthFeature(database, schema, lifecycle));
        all.add(new MetricsFeature(registry, database));
        // tracing first: its guard starts the request span before any other guard can refuse
        TracingFeature tracing = new TracingFeature(config.database(), registry, TracingSettings.from(config::value));
        database.monitor().addListener(tracing.tracer().sqlLogger(SqlLogger.NOP_SQL_LOGGER));
        all.add(tracing);
        all.add(new SystemLogFeature(config.database(), registry, SystemLogSettings.from(config::value)));
        AuditTrail audit = new AuditTrail(clock);
        MaintenanceFeature maintenance = new MaintenanceFeature(database, audit, changes, clock);
        RateLimitFeature rateLimits = new RateLimitFeature(database, audit, changes, maintenance.freeze(),
                RateLimitSettings.from(config), clock);
        all.add(new RouteIndexFeature(rateLimits::policyOf));
        // the edge in PRODUCT.md §D order: blocklist and honeypots, authentication (keys), rate limits,
        // maintenance shield, kill switch (governance)
        all.add(new SecurityFeature(database, audit, changes, clock, SecuritySettings.from(config)));
        all.add(new KeysFeature(database, audit, changes, clock,
                new AdminBootstrap(config.adminBootstrap(), config.optionalValue(Setting.ADMIN_KEY), System.out)));
        all.add(new AuditFeature(audit));
        all.add(rateLimits);
        all.add(maintenance);
        all.add(new ConfigFeature(database, audit, changes, maintenance.freeze(), clock));
        GovernanceFeature governance = new GovernanceFeature(database, audit, changes, all);
        all.add(governance);
        all.add(new dev.valhalla.server.flags.FlagsFeature(database, audit, changes, maintenance.freeze(), governance.killSwitch(), Clock.systemUTC()));
        all.add(new AdminOverviewFeature(database, schema, governance.killSwitch(), maintenance.shield(), rateLimits));
        all.add(new OpenApiFeature());
        all.addAll(extraFeatures);
        return List.copyOf(all);
    }

    /** Starts a server with the product's features only. */
    public static ServerApp start(ServerConfig config) {
        return start(config, List.of());
    }

    /**
     * Starts a server and returns once it is ready (schema at head, features started).
     *
     * @param extraFeatures features appended after the product's (tests use this for test-only routes)
     * @throws RuntimeException when any step fails; everything started so far is stopped again
     */
    public static ServerApp start(ServerConfig config, List<Feature> extraFeatures) {
        ServerApp app = new ServerApp(config, extraFeatures);
        try {
            app.http.start();
            app.schema.upgrade();
            app.changes.start();
            app.recordStart();
            for (Feature feature : app.features) {
                feature.start();
            }
            app.lifecycle.started();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** The bound HTTP port. */
    public int port() {
        return http.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + config.http().host() + ":" + port();
    }

    /** The effective configuration (with the embedded database's URL filled in). */
    public ServerConfig config() {
        return config;
    }

    /** The database core. */
    public Database database() {
        return database;
    }

    /** The schema migration state. */
    public SchemaMigration schema() {
        return schema;
    }

    /** The HTTP server (route index, in-flight count). */
    public HttpServer http() {
        return http;
    }

    /** Whether the database is the embedded one started by this process. */
    public boolean embeddedDatabase() {
        return embedded != null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lifecycle.draining();
        int left = http.drainAndStop(config.http().drainTimeout());
        LOG.info("HTTP stopped ({} requests cut off)", left);
        for (Feature feature : features.reversed()) {
            try {
                feature.stop();
            } catch (RuntimeException e) {
                LOG.warn("Feature {} failed to stop", feature.getClass().getSimpleName(), e);
            }
        }
        recordStop();
        changes.close();
        database.close();
        registry.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private void recordStart() {
        String version = Optional.ofNullable(ServerApp.class.getPackage().getImplementationVersion()).orElse("development");
        database.inTransaction(handle -> handle.createUpdate(
                        "INSERT INTO server_instance (instance_id, host, version) VALUES (:id, :host, :version)")
                .bind("id", instanceId).bind("host", hostName()).bind("version", version).execute());
    }

    private void recordStop() {
        if (!schema.atHead()) {
            return;
        }
        try {
            database.inTransaction(handle -> handle.createUpdate(
                    "UPDATE server_instance SET stopped_at = now() WHERE instance_id = :id").bind("id", instanceId).execute());
        } catch (RuntimeException e) {
            // the database may already be gone; the row then simply has no stop time
            LOG.warn("Could not record the stop of instance {}: {}", instanceId, e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private void bindJvmMetrics() {
        // pool acquisition time as p50/p99 in /metrics (hikaricp_connections_acquire_seconds{quantile=...})
        registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.distribution.DistributionStatisticConfig configure(
                    io.micrometer.core.instrument.Meter.Id id,
                    io.micrometer.core.instrument.distribution.DistributionStatisticConfig config) {
                if (!id.getName().equals("hikaricp.connections.acquire")) {
                    return config;
                }
                return io.micrometer.core.instrument.distribution.DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99).build().merge(config);
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        // no ProcessorMetrics: its process_cpu_time_ns and system_cpu_count names fail promtool's lint
        new UptimeMetrics().bindTo(registry);
    }

    private static ConnectionSource connectionSource(DatabaseSettings settings) {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        return ConnectionSource.of(settings.url().orElseThrow(), properties);
    }
}
