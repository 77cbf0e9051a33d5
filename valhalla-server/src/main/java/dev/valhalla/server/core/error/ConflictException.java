package dev.valhalla.server.core.error;

/** The request conflicts with the current state, e.g. a duplicate or a stale version (409). */
public class ConflictException extends ValhallaException {

    /** With a detail for the client. */
    public ConflictException(String detail) {
        super(StandardErrorCode.CONFLICT, detail);
    }

    /** With a feature-specific code of the same kind. */
    public ConflictException(ErrorCodeSupplier code, String detail) {
        super(code, detail);
    }
}
