package dev.valhalla.server.ratelimit;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.valhalla.server.core.http.ClientIp;
import dev.valhalla.server.core.http.Principal;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Optional;

/**
 * What a policy counts separately: each client address, each API key or each API client. Anonymous
 * callers (public routes) are counted by address whatever the policy says.
 */
enum KeyBy {
    IP, API_KEY, CLIENT;

    @JsonValue
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<KeyBy> parse(String value) {
        for (KeyBy key : values()) {
            if (key.wire().equals(value)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The bucket subject of this request, e.g. {@code ip:10.0.0.7} or {@code client:billing}. */
    String subject(Context ctx, Optional<Principal> principal) {
        if (this != IP && principal.isPresent()) {
            return this == API_KEY ? "key:" + principal.get().keyId() : "client:" + principal.get().clientId();
        }
        return "ip:" + ClientIp.of(ctx);
    }
}
