package dev.valhalla.server.security;

import dev.valhalla.server.core.error.ErrorCode;
import dev.valhalla.server.core.error.ErrorCodeSupplier;

/** Error codes of the security layer; {@code BLOCKED} has the problem type {@code urn:valhalla:problem:blocked}. */
enum SecurityErrorCode implements ErrorCodeSupplier {
    BLOCKED(403, "Request blocked"),
    SECURITY_POLICY_NOT_FOUND(404, "No such security policy"),
    SECURITY_RULE_NOT_FOUND(404, "No such blocklist rule"),
    HONEYPOT_NOT_FOUND(404, "No such honeypot"),
    SECURITY_POLICY_EXISTS(409, "Security policy already exists"),
    SECURITY_POLICY_PROTECTED(409, "Security policy is protected"),
    HONEYPOT_EXISTS(409, "Honeypot already exists");

    private final ErrorCode errorCode;

    SecurityErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
