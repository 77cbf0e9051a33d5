package dev.valhalla.server.core.error;

import java.time.Duration;

/** The database cannot be reached or refuses connections (503 with {@code Retry-After}). */
public final class DatabaseUnavailableException extends ServiceUnavailableException {

    /** Translates a connection failure; the detail names the SQLSTATE when there is one. */
    public DatabaseUnavailableException(String detail, Throwable cause, Duration retryAfter) {
        super(StandardErrorCode.DATABASE_UNAVAILABLE, detail, cause, retryAfter);
    }
}
