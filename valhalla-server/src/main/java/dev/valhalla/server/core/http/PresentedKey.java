package dev.valhalla.server.core.http;

import io.javalin.http.Context;

import java.util.Optional;

/**
 * The API key a request presents, read the same way by every stage (blocklist by key, authentication):
 * {@code Authorization: Bearer <key>}; or {@code Authorization: <key>} when the value is a bare Valhalla
 * key ({@code vh_…}), as the Unleash SDKs send their API token; or {@code X-API-Key: <key>}.
 */
public final class PresentedKey {

    /** The header some clients use instead of {@code Authorization}. */
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String KEY_PREFIX = "vh_";

    private PresentedKey() {
    }

    /** The presented key, trimmed; empty when the request carries none. */
    public static Optional<String> of(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(value.substring(7).trim());
            }
            if (value.startsWith(KEY_PREFIX)) {
                return Optional.of(value);
            }
        }
        String header = ctx.header(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
    }
}
