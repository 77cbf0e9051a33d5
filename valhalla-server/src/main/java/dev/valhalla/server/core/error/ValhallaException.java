package dev.valhalla.server.core.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of every error the server reports to a client. Carries an {@link ErrorCode} (status, problem
 * type, title), a detail message for this occurrence, optional extra problem members (e.g. per-field
 * {@code errors}) and an optional {@code Retry-After}. The edge renders it as RFC 9457
 * {@code application/problem+json}; the detail is shown to the client, so it must not leak secrets.
 */
public class ValhallaException extends RuntimeException {

    private final ErrorCode errorCode;
    private final Map<String, Object> extensions;
    private final Duration retryAfter;

    /** An error with a detail message. */
    public ValhallaException(ErrorCodeSupplier code, String detail) {
        this(code, detail, null, Map.of(), null);
    }

    /** An error with a detail message and the cause it translates. */
    public ValhallaException(ErrorCodeSupplier code, String detail, Throwable cause) {
        this(code, detail, cause, Map.of(), null);
    }

    /**
     * The full form.
     *
     * @param extensions extra problem members, rendered after the standard ones (never null)
     * @param retryAfter sent as {@code Retry-After} (whole seconds, rounded up) when not null
     */
    protected ValhallaException(ErrorCodeSupplier code, String detail, Throwable cause,
                                Map<String, Object> extensions, Duration retryAfter) {
        super(detail, cause);
        this.errorCode = Objects.requireNonNull(code, "code").errorCode();
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        this.retryAfter = retryAfter;
    }

    /** The error code. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The detail for this occurrence (the exception message). */
    public String detail() {
        return getMessage();
    }

    /** Extra problem members; unmodifiable. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** How long the client should wait before retrying, when it makes sense. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
