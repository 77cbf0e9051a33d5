package dev.valhalla.server.core.http;

import io.javalin.http.Context;

import java.util.Optional;

/**
 * A check every matched route passes before its handler runs: blocklist, rate limit, maintenance
 * shield, kill switch. Throws a {@link dev.valhalla.server.core.error.ValhallaException} to refuse.
 * Installed with {@link Routes#guard(Stage, RequestGuard)}; guards of a stage run in registration
 * order. Thread-safe: called concurrently.
 */
@FunctionalInterface
public interface RequestGuard {

    /** When a guard runs relative to authentication. */
    enum Stage {
        /** Before credentials are looked at (blocklist, honeypot): no principal yet. */
        BEFORE_AUTHENTICATION,
        /** After authentication and the scope check (rate limit, maintenance, kill switch). */
        AFTER_AUTHENTICATION
    }

    /**
     * Refuses the request by throwing, or returns to let it pass.
     *
     * @param principal the caller; empty before authentication and on public routes
     */
    void check(Context ctx, Route route, Optional<Principal> principal);
}
