package dev.valhalla.server.core.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One JSON log line per request (method, path, route template, status, duration, correlation id) and
 * the {@code http_server_requests_seconds} histogram by method, route template and status. Unmatched
 * paths are recorded under the route {@code unmatched} to keep the label set bounded. Thread-safe.
 */
public final class AccessLog {

    /** The logger of the access log's lines; later stages observe or filter them by this name. */
    public static final String LOGGER = "dev.valhalla.server.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private final MeterRegistry registry;

    AccessLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Context ctx, float millis) {
        String route = Routes.matched(ctx).map(Route::path).orElse("unmatched");
        int status = ctx.statusCode();
        Timer.builder("http.server.requests").description("HTTP requests by route template")
                .tags("method", ctx.method().name(), "route", route, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
        LOG.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", Math.round(millis * 1000) / 1000.0)
                .addKeyValue("correlationId", Correlation.id(ctx))
                .log("{} {} {} {}ms", ctx.method().name(), ctx.path(), status, Math.round(millis));
    }
}
