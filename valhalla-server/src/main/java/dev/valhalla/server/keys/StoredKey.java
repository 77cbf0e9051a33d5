package dev.valhalla.server.keys;

import dev.valhalla.server.core.http.Scope;

import java.time.Instant;
import java.util.Set;

/** What authentication needs of a key row, including the hash; never serialized. */
record StoredKey(String id, String clientId, byte[] secretHash, Set<Scope> scopes, Instant expiresAt,
                 Instant revokedAt, Instant clientDisabledAt) {

    @Override
    public String toString() {
        return "StoredKey[" + id + ", client " + clientId + "]";
    }
}
