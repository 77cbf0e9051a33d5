package dev.valhalla.server.core.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every route registered through {@link Routes}, in registration order. Filled while features
 * register, then read-only once the server starts; reads are safe from any thread after that.
 */
public final class RouteIndex {

    private final List<Route> routes = new ArrayList<>();

    synchronized void add(Route route) {
        boolean duplicate = routes.stream()
                .anyMatch(r -> r.method().equals(route.method()) && r.path().equals(route.path()));
        if (duplicate) {
            throw new IllegalStateException("route registered twice: " + route.method() + " " + route.path());
        }
        routes.add(route);
    }

    /** All routes sorted by path then method. */
    public synchronized List<Route> all() {
        return routes.stream().sorted(Comparator.comparing(Route::path).thenComparing(Route::method)).toList();
    }

    /** The route with exactly this method and path template. */
    public synchronized Optional<Route> find(String method, String pathTemplate) {
        return routes.stream()
                .filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(pathTemplate))
                .findFirst();
    }
}
