package dev.valhalla.server.keys;

import java.time.Instant;
import java.util.List;

/**
 * An API key as listed: everything but the secret, which is never stored or shown after creation.
 *
 * @param prefix      the non-secret start of the key, {@code vh_<id>_}, to recognise it
 * @param status      {@code active}, {@code expired} or {@code revoked} at the time of reading
 * @param rotatedFrom the key this one replaced by rotation, or null
 */
record ApiKey(String id, String clientId, String name, String prefix, List<String> scopes, String status,
              Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy,
              String rotatedFrom, Instant lastUsedAt) {
}
