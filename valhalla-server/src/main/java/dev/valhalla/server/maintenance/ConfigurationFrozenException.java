package dev.valhalla.server.maintenance;

import dev.valhalla.server.core.error.ValhallaException;

/** A configuration change was refused because configuration is frozen and no valid break-glass was given (423). */
final class ConfigurationFrozenException extends ValhallaException {

    ConfigurationFrozenException(String detail) {
        super(MaintenanceErrorCode.CONFIGURATION_FROZEN, detail);
    }
}
