package dev.valhalla.server.flags;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps of date constraints and contexts. */
final class Dates {

    private Dates() {
    }

    /** The instant of an RFC 3339 timestamp with an offset or {@code Z}, or null when it is not one. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notOffsetForm) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException notInstant) {
                return null;
            }
        }
    }
}
