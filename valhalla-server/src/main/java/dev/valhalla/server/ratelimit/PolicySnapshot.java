package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.http.Route;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The policies as last loaded, with the policies of each route computed once per route and snapshot
 * (rates first, then quotas, so a refused rate never spends quota). Immutable apart from that memo;
 * thread-safe.
 */
final class PolicySnapshot {

    static final PolicySnapshot EMPTY = new PolicySnapshot(List.of());

    private final List<RateLimitPolicy> policies;
    private final Map<String, Long> versions;
    private final Map<Route, List<RateLimitPolicy>> byRoute = new ConcurrentHashMap<>();

    PolicySnapshot(List<RateLimitPolicy> policies) {
        this.policies = List.copyOf(policies);
        this.versions = policies.stream().collect(Collectors.toUnmodifiableMap(RateLimitPolicy::name, RateLimitPolicy::version));
    }

    List<RateLimitPolicy> policies() {
        return policies;
    }

    /** The enabled policies limiting {@code route}: rates, then quotas, each by name. */
    List<RateLimitPolicy> forRoute(Route route) {
        List<RateLimitPolicy> known = byRoute.get(route);
        if (known != null) {
            return known;
        }
        return byRoute.computeIfAbsent(route, r -> policies.stream()
                .filter(policy -> policy.appliesTo(r))
                .sorted((a, b) -> a.algorithm().quota() != b.algorithm().quota()
                        ? Boolean.compare(a.algorithm().quota(), b.algorithm().quota())
                        : a.name().compareTo(b.name()))
                .toList());
    }

    boolean isCurrent(String name, long version) {
        Long held = versions.get(name);
        return held != null && held == version;
    }
}
