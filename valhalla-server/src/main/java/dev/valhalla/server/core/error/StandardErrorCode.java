package dev.valhalla.server.core.error;

/** Error codes shared by every part of the server. */
public enum StandardErrorCode implements ErrorCodeSupplier {
    BAD_REQUEST(400, "Bad request"),
    MALFORMED_JSON(400, "Malformed JSON"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Insufficient scope"),
    NOT_FOUND(404, "Not found"),
    ROUTE_NOT_FOUND(404, "No such route"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONFLICT(409, "Conflict"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    POOL_EXHAUSTED(503, "Database connection pool exhausted"),
    DATABASE_UNAVAILABLE(503, "Database unavailable"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final ErrorCode errorCode;

    StandardErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
