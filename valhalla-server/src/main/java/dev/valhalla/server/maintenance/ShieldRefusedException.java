package dev.valhalla.server.maintenance;

import dev.valhalla.server.core.error.ServiceUnavailableException;

import java.time.Duration;

/** The shield refused a request because of the read-only or maintenance state (503 + {@code Retry-After}). */
final class ShieldRefusedException extends ServiceUnavailableException {

    ShieldRefusedException(MaintenanceErrorCode code, String detail, Duration retryAfter) {
        super(code, detail, null, retryAfter);
    }
}
