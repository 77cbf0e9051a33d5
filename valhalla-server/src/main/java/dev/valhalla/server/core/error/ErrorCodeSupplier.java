package dev.valhalla.server.core.error;

/**
 * Anything that names an {@link ErrorCode}; features declare their own codes as an enum implementing
 * this interface, next to their exceptions (like {@link StandardErrorCode}).
 */
public interface ErrorCodeSupplier {

    /** The error code. */
    ErrorCode errorCode();
}
