package dev.valhalla.server.core.http;

import io.javalin.http.Context;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller of a request.
 *
 * @param keyId    id of the API key used (what audit records as "who")
 * @param clientId id of the client owning the key
 * @param scopes   scopes the key holds
 */
public record Principal(String keyId, String clientId, Set<Scope> scopes) {

    static final String ATTRIBUTE = "valhalla.principal";

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** Whether any held scope grants {@code required}. */
    public boolean allows(Scope required) {
        return scopes.stream().anyMatch(scope -> scope.grants(required));
    }

    /** The caller of the current request; empty on {@link Scope#PUBLIC} routes. */
    public static Optional<Principal> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }
}
