package dev.valhalla.server.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * What the shield lets through, from least to most strict: {@code normal} (everything),
 * {@code read_only} (no write routes) and {@code maintenance} (only health, metrics and admin callers).
 */
public enum MaintenanceState {
    NORMAL, READ_ONLY, MAINTENANCE;

    /** The name in the API and the database, e.g. {@code read_only}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code value} (as in the API); empty when there is none. */
    static Optional<MaintenanceState> parse(String value) {
        for (MaintenanceState state : values()) {
            if (state.wire().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    boolean stricterThan(MaintenanceState other) {
        return ordinal() > other.ordinal();
    }
}
