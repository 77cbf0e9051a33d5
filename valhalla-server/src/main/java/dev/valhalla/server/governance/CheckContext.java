package dev.valhalla.server.governance;

import org.jdbi.v3.core.Handle;

import java.time.Duration;

/**
 * What a {@link RunbookCheck} runs with.
 *
 * @param handle    a Jdbi handle on the check's own connection, inside a read-only transaction with
 *                  {@code statement_timeout} set; rolled back after the check, so it can never
 *                  change anything or poison another check
 * @param timeLimit the check's time limit
 */
public record CheckContext(Handle handle, Duration timeLimit) {
}
