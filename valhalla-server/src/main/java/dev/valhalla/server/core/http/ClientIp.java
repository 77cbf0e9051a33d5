package dev.valhalla.server.core.http;

import io.javalin.http.Context;

/**
 * The client's address as the request edge resolved it ({@code X-Forwarded-For} honoured only from
 * trusted proxies), shared with every later stage (rate limits keyed by IP, the access log). The
 * security stage records it first; before that, or when nothing was recorded, the TCP peer is the client.
 */
public final class ClientIp {

    private static final String ATTRIBUTE = "valhalla.clientIp";

    private ClientIp() {
    }

    /** Records the resolved client address of this request. */
    public static void set(Context ctx, String address) {
        ctx.attribute(ATTRIBUTE, address);
    }

    /** The resolved client address, or the TCP peer when none was recorded. */
    public static String of(Context ctx) {
        String resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ctx.ip();
    }
}
