package dev.valhalla.server.maintenance;

import dev.valhalla.server.core.error.ErrorCode;
import dev.valhalla.server.core.error.ErrorCodeSupplier;

/** Error codes of the maintenance shield and the freeze switch. */
enum MaintenanceErrorCode implements ErrorCodeSupplier {
    READ_ONLY_MODE(503, "Read-only mode"),
    MAINTENANCE_MODE(503, "Under maintenance"),
    CONFIGURATION_FROZEN(423, "Configuration frozen"),
    MAINTENANCE_WINDOW_NOT_FOUND(404, "Maintenance window not found"),
    MAINTENANCE_WINDOW_ENDED(409, "Maintenance window already ended");

    private final ErrorCode errorCode;

    MaintenanceErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
