package dev.valhalla.server.configregistry;

import dev.valhalla.server.core.error.ErrorCode;
import dev.valhalla.server.core.error.ErrorCodeSupplier;

/** Error codes of the config registry. */
enum ConfigErrorCode implements ErrorCodeSupplier {
    CONFIG_KEY_NOT_FOUND(404, "Configuration key not found"),
    CONFIG_PRECONDITION_FAILED(412, "Precondition failed"),
    CONFIG_PRECONDITION_REQUIRED(428, "Precondition required");

    private final ErrorCode errorCode;

    ConfigErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
