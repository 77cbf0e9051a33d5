package dev.valhalla.server.core.http;

import io.javalin.http.Context;

/**
 * Identifies the caller of a request. Extension point: the API-key feature installs the one
 * implementation with {@link Routes#authenticator(Authenticator)} from its {@link Feature#register}.
 *
 * <p>The edge calls it for every route whose scope is not {@link Scope#PUBLIC}, after correlation,
 * access log and the {@link RequestGuard.Stage#BEFORE_AUTHENTICATION} guards, then checks the route's
 * scope against {@link Principal#scopes()} (403 when lacking). While no authenticator is installed,
 * every non-public route answers 401. Called concurrently from many request threads: thread-safe.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Returns the caller of {@code ctx}.
     *
     * @throws dev.valhalla.server.core.error.UnauthorizedException when credentials are missing,
     *         unknown, expired or revoked
     */
    Principal authenticate(Context ctx);
}
