package dev.valhalla.server.core.error;

import java.time.Duration;

/**
 * No connection could be had from a pool within the acquisition timeout (503 with
 * {@code Retry-After}). The message carries the pool state at the moment of failure.
 */
public final class PoolExhaustedException extends ServiceUnavailableException {

    private final PoolState state;

    /**
     * Raised after waiting {@code waited} for a connection of pool {@code state.pool()}; clients are told
     * to retry after the pool's configured acquisition timeout.
     */
    public PoolExhaustedException(PoolState state, Duration waited, Duration timeout, Throwable cause) {
        super(StandardErrorCode.POOL_EXHAUSTED,
                "No database connection available from pool '%s' after %d ms (active=%d, idle=%d, waiting=%d, max=%d)"
                        .formatted(state.pool(), waited.toMillis(), state.active(), state.idle(), state.waiting(), state.max()),
                cause, timeout);
        this.state = state;
    }

    /** The pool state when the acquisition failed. */
    public PoolState state() {
        return state;
    }

    /**
     * A snapshot of a pool.
     *
     * @param pool    pool name
     * @param active  connections in use
     * @param idle    connections idle in the pool
     * @param waiting threads waiting for a connection
     * @param max     maximum pool size
     */
    public record PoolState(String pool, int active, int idle, int waiting, int max) {
    }
}
