package dev.valhalla.server.security;

import java.net.InetAddress;

/**
 * What the blocklist looks at, read from a request without touching the database.
 *
 * @param address   the client address (after trusted-proxy handling), or null when unknown
 * @param keyId     the key id of the presented API key, or null
 * @param userAgent the {@code User-Agent} header, or null
 * @param path      the request path
 */
record RequestFacts(InetAddress address, String keyId, String userAgent, String path) {
}
