package dev.valhalla.server.core.http;

import dev.valhalla.server.core.config.HttpSettings;
import dev.valhalla.server.core.db.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP edge on Javalin (virtual threads): correlation, access log and metrics, problem details,
 * then the routes features registered through {@link Routes}. Tracks in-flight requests so shutdown
 * can drain them. Thread-safe after {@link #start()}.
 */
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final HttpSettings settings;
    private final RouteIndex index = new RouteIndex();
    private final Correlation correlation = new Correlation();
    private final Problems problems = new Problems();
    private final AccessLog accessLog;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Javalin javalin;

    /** Configures the server and lets every feature register its routes, in list order. */
    public HttpServer(HttpSettings settings, Database database, MeterRegistry registry, List<Feature> features) {
        this.settings = settings;
        this.accessLog = new AccessLog(registry);
        Gauge.builder("valhalla.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests being handled now (shutdown waits for them to finish)").register(registry);
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(JsonMapping.create(), true));
            config.routes.before(ctx -> {
                inFlight.incrementAndGet();
                correlation.begin(ctx);
                String length = ctx.header("Content-Length");
                if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > settings.maxBodyBytes()) {
                    refuseOversizeBody(ctx, Long.parseLong(length));
                }
            });
            config.routes.exception(Exception.class, problems::handle);
            config.routes.exception(HttpResponseException.class, problems::handle);
            config.requestLogger.http((ctx, millis) -> {
                try {
                    accessLog.record(ctx, millis);
                } finally {
                    inFlight.decrementAndGet();
                    Correlation.end();
                }
            });
            Routes routes = new Routes(config.routes, index, database);
            for (Feature feature : features) {
                feature.register(routes);
            }
        });
    }

    /** Binds the port and starts serving. */
    public HttpServer start() {
        javalin.start(settings.host(), settings.port());
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return javalin.port();
    }

    /** Every registered route. */
    public RouteIndex routes() {
        return index;
    }

    /** Whether shutdown has begun (readiness reports false from then on). */
    public boolean draining() {
        return draining.get();
    }

    /** Requests being handled right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Marks the server draining so readiness turns false; requests keep being served. */
    public void beginDrain() {
        draining.set(true);
    }

    /**
     * Waits up to {@code timeout} for in-flight requests to finish, then stops the listener. Returns
     * the number of requests still in flight when it stopped (0 after a clean drain).
     */
    public int drainAndStop(Duration timeout) {
        beginDrain();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = inFlight.get();
        if (left > 0) {
            LOG.warn("Stopping with {} requests still in flight after the {} ms drain timeout", left, timeout.toMillis());
        }
        javalin.stop();
        return left;
    }

    /** Bodies up to this size are read and discarded before a 413, so the client reliably sees the answer. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /**
     * Answers 413 for a declared body over the limit. Closing a connection with unread request bytes makes
     * TCP reset it, and the client may lose the response; so a moderately oversize body is read and
     * discarded first (bounded by {@link #DRAIN_LIMIT}), and the connection is closed after the answer.
     */
    private static void refuseOversizeBody(Context ctx, long declared) {
        ctx.header("Connection", "close");
        if (declared <= DRAIN_LIMIT) {
            try (InputStream body = ctx.req().getInputStream()) {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the client went away; the 413 below is then simply not read
            }
        }
        throw new HttpResponseException(413, "Content too large");
    }
}
