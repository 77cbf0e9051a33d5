package dev.valhalla.server.core.error;

/** The resource does not exist (404). */
public class NotFoundException extends ValhallaException {

    /** With a detail for the client. */
    public NotFoundException(String detail) {
        super(StandardErrorCode.NOT_FOUND, detail);
    }

    /** With a feature-specific code of the same kind. */
    public NotFoundException(ErrorCodeSupplier code, String detail) {
        super(code, detail);
    }
}
