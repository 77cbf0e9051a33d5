package dev.valhalla.server.keys;

import java.time.Instant;

/**
 * An API client: a service or person that owns keys. Disabling it revokes its keys.
 *
 * @param id          slug chosen at creation, e.g. {@code billing-service}
 * @param activeKeys  keys neither revoked nor expired
 */
record ApiClient(String id, String description, Instant createdAt, String createdBy, Instant disabledAt,
                 String disabledBy, long activeKeys) {
}
