package dev.valhalla.server.core.error;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A stable error identity: the machine-readable code clients switch on, the HTTP status it maps to,
 * the RFC 9457 problem type URI and a short human title that does not change between occurrences.
 *
 * @param code   upper-case code, e.g. {@code VALIDATION_FAILED}
 * @param status HTTP status code
 * @param title  short summary of the problem type
 */
public record ErrorCode(String code, int status, String title) {

    /** The base of every problem type URI. */
    public static final String TYPE_PREFIX = "urn:valhalla:problem:";

    public ErrorCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 4xx or 5xx: " + status);
        }
    }

    /** The problem type URI, e.g. {@code urn:valhalla:problem:validation-failed}. */
    public URI type() {
        return URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
