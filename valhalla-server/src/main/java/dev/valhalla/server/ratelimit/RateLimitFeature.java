package dev.valhalla.server.ratelimit;

import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.maintenance.Freeze;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Rate limits and quotas. Policies ({@code /system/rate-limits}, admin) limit the routes of a group
 * (path prefix of the template, reads or writes, required scope) per client address, API key or API
 * client, with a token bucket or fixed window ({@code VALHALLA_RATE_LIMIT_MODE}: in memory with
 * Bucket4j, or in PostgreSQL shared by every instance) or a daily or monthly quota (always counted in
 * PostgreSQL). Every response of a limited route carries {@code RateLimit-Policy} and {@code RateLimit};
 * a refused one is a 429 problem ({@code rate-limited} or {@code quota-exceeded}) with {@code Retry-After}.
 *
 * <p>Its guard runs at {@link RequestGuard.Stage#AFTER_AUTHENTICATION}: register this feature before the
 * maintenance feature (PRODUCT.md §D). Policy changes are configuration changes: refused while
 * {@link Freeze frozen}. Extension points: {@link #policiesFor(Route)} (route index),
 * {@link #rejections()} (admin overview).
 */
public final class RateLimitFeature implements Feature {

    private final RateLimiter limiter;
    private final RateLimitRoutes routes;
    private final BucketPurger purger;

    /**
     * @param changes  cross-instance invalidation of the in-memory policies
     * @param freeze   the freeze switch policy changes obey
     * @param settings mode and purge interval
     * @param clock    the time buckets refill by and quotas are counted in
     */
    public RateLimitFeature(Database database, AuditTrail audit, ChangeNotifier changes, Freeze freeze,
                            RateLimitSettings settings, Clock clock) {
        BucketLimiter buckets = settings.mode() == RateLimitSettings.Mode.CLUSTER
                ? new ClusterLimiter(database, clock) : new LocalLimiter(clock);
        this.limiter = new RateLimiter(database, buckets, clock);
        this.routes = new RateLimitRoutes(limiter, audit, changes, freeze, settings);
        this.purger = new BucketPurger(limiter, settings.purgeInterval());
        changes.subscribe(RateLimiter.TOPIC, limiter::reloadQuietly);
    }

    /** The names of the enabled policies limiting {@code route}, as currently loaded. */
    public List<String> policiesFor(Route route) {
        return limiter.snapshot().forRoute(route).stream().map(RateLimitPolicy::name).toList();
    }

    /** The policies limiting {@code route} for the route index: their names, or empty when none does. */
    public Optional<Object> policyOf(Route route) {
        List<String> names = policiesFor(route);
        return names.isEmpty() ? Optional.empty() : Optional.of(names);
    }

    /** Requests refused by a rate or quota policy on this instance since start. */
    public long rejections() {
        return limiter.rejections();
    }

    /** Removes expired buckets and quota counters now (also done periodically); returns how many. */
    public int purgeExpired() {
        return limiter.purge();
    }

    @Override
    public void register(Routes registry) {
        registry.guard(RequestGuard.Stage.AFTER_AUTHENTICATION, limiter.guard());
        routes.register(registry);
    }

    @Override
    public void start() {
        limiter.reload();
        purger.start();
    }

    @Override
    public void stop() {
        purger.stop();
    }
}
