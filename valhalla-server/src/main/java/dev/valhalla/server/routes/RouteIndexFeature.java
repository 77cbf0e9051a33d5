package dev.valhalla.server.routes;

import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.RouteIndex;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /system/routes} (read scope): every route of the router's own {@link RouteIndex} with its
 * method, path template, required scope, whether it writes, its summary and its rate-limit policy.
 */
public final class RouteIndexFeature implements Feature {

    private final RateLimitLookup rateLimits;
    private RouteIndex index;

    /** A route index showing rate-limit policies from {@code rateLimits}. */
    public RouteIndexFeature(RateLimitLookup rateLimits) {
        this.rateLimits = rateLimits;
    }

    /**
     * One route as listed.
     *
     * @param rateLimitPolicy null when no policy applies (or no rate-limit feature is composed)
     */
    record RouteEntry(String method, String path, String scope, boolean writes, String summary, Object rateLimitPolicy) {
    }

    /** The listing. */
    record RouteListing(int count, List<RouteEntry> routes) {
    }

    @Override
    public void register(Routes routes) {
        index = routes.index();
        routes.get("/system/routes", Scope.READ, "Every route: method, path template, scope, writes, rate-limit policy",
                this::list);
    }

    private void list(Context ctx) {
        List<RouteEntry> entries = index.all().stream().map(this::entry).toList();
        ctx.json(new RouteListing(entries.size(), entries));
    }

    private RouteEntry entry(Route route) {
        return new RouteEntry(route.method(), route.path(), route.scope().name().toLowerCase(Locale.ROOT), route.writes(),
                route.summary(), rateLimits.policyOf(route).orElse(null));
    }
}
