package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * The current value of a key.
 *
 * @param namespace   the namespace
 * @param key         the key
 * @param type        {@code string}, {@code int}, {@code bool}, {@code duration} or {@code json}
 * @param value       the value, normalized for its type
 * @param version     the version, 1 for the first write, +1 for each write since (deletes included)
 * @param description what the value is for
 * @param updatedBy   who wrote this version
 * @param updatedAt   when
 */
record ConfigEntry(String namespace, String key, String type, JsonNode value, long version, String description,
                   String updatedBy, Instant updatedAt) {

    @JsonIgnore
    ConfigKey name() {
        return new ConfigKey(namespace, key);
    }
}
