package dev.valhalla.server.routes;

import dev.valhalla.server.core.http.Route;

import java.util.Optional;

/**
 * The rate-limit policy that applies to a route, as the route index shows it. Supplied by the rate-limit
 * feature when it is composed; {@link #NONE} until then.
 */
@FunctionalInterface
public interface RateLimitLookup {

    /** No rate-limit information: every route shows {@code null}. */
    RateLimitLookup NONE = route -> Optional.empty();

    /** A description of the policy limiting {@code route} (e.g. its name), if one does. Thread-safe. */
    Optional<Object> policyOf(Route route);
}
