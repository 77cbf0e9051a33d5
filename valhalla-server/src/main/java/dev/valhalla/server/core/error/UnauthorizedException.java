package dev.valhalla.server.core.error;

/** The caller did not prove who it is: no, unknown, expired or revoked credentials (401). */
public class UnauthorizedException extends ValhallaException {

    /** With a detail for the client. */
    public UnauthorizedException(String detail) {
        super(StandardErrorCode.UNAUTHORIZED, detail);
    }

    /** With a feature-specific code of the same kind. */
    public UnauthorizedException(ErrorCodeSupplier code, String detail) {
        super(code, detail);
    }
}
