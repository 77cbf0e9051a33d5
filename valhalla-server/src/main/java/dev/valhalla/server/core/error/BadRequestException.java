package dev.valhalla.server.core.error;

/** A request that cannot be understood, e.g. a malformed parameter (400). */
public class BadRequestException extends ValhallaException {

    /** With a detail for the client. */
    public BadRequestException(String detail) {
        super(StandardErrorCode.BAD_REQUEST, detail);
    }

    /** With a feature-specific code of the same kind. */
    public BadRequestException(ErrorCodeSupplier code, String detail) {
        super(code, detail);
    }
}
