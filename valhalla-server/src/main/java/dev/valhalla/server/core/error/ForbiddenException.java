package dev.valhalla.server.core.error;

/** The caller is known but lacks the scope the route requires (403). */
public class ForbiddenException extends ValhallaException {

    /** With a detail for the client. */
    public ForbiddenException(String detail) {
        super(StandardErrorCode.FORBIDDEN, detail);
    }

    /** With a feature-specific code of the same kind. */
    public ForbiddenException(ErrorCodeSupplier code, String detail) {
        super(code, detail);
    }
}
