package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.error.ErrorCode;
import dev.valhalla.server.core.error.ErrorCodeSupplier;

/** Error codes of rate limiting; the two 429 types are {@code …:rate-limited} and {@code …:quota-exceeded}. */
enum RateLimitErrorCode implements ErrorCodeSupplier {
    RATE_LIMITED(429, "Rate limit exceeded"),
    QUOTA_EXCEEDED(429, "Quota exceeded"),
    RATE_LIMIT_POLICY_NOT_FOUND(404, "Rate-limit policy not found"),
    RATE_LIMIT_POLICY_EXISTS(409, "Rate-limit policy already exists");

    private final ErrorCode errorCode;

    RateLimitErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
