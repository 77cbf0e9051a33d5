package dev.valhalla.server.core.error;

import java.time.Duration;
import java.util.Map;

/** The server cannot serve the request right now (503) and tells the client when to retry. */
public class ServiceUnavailableException extends ValhallaException {

    /** A 503 with {@code Retry-After}. */
    public ServiceUnavailableException(String detail, Duration retryAfter) {
        this(StandardErrorCode.SERVICE_UNAVAILABLE, detail, null, retryAfter);
    }

    /** A 503 with a specific code, the translated cause and {@code Retry-After}. */
    public ServiceUnavailableException(ErrorCodeSupplier code, String detail, Throwable cause, Duration retryAfter) {
        super(code, detail, cause, Map.of(), retryAfter);
    }
}
