package dev.valhalla.server.keys;

import dev.valhalla.server.core.error.ErrorCode;
import dev.valhalla.server.core.error.ErrorCodeSupplier;

/** Error codes of API clients and keys. */
enum KeyErrorCode implements ErrorCodeSupplier {
    API_KEY_MISSING(401, "API key required"),
    API_KEY_INVALID(401, "Invalid API key"),
    API_KEY_EXPIRED(401, "API key expired"),
    API_KEY_REVOKED(401, "API key revoked"),
    API_CLIENT_NOT_FOUND(404, "No such API client"),
    API_KEY_NOT_FOUND(404, "No such API key"),
    API_CLIENT_EXISTS(409, "API client exists"),
    API_CLIENT_DISABLED(409, "API client disabled"),
    API_KEY_NOT_ACTIVE(409, "API key not active"),
    LAST_ADMIN_KEY(409, "Last admin key");

    private final ErrorCode errorCode;

    KeyErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
