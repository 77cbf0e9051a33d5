package dev.valhalla.server.flags;

import java.util.Objects;

/**
 * A variant's payload as the client receives it.
 *
 * @param type  {@code string}, {@code json}, {@code csv} or {@code number}
 * @param value the payload text
 */
public record Payload(String type, String value) {

    public Payload {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
