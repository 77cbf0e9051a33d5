package dev.valhalla.server.core.db;

import java.util.Optional;

/**
 * The outcome of a bounded database round trip.
 *
 * @param reachable     whether {@code SELECT 1} answered within the bound
 * @param latencyMillis how long it took (or how long it was waited for)
 * @param error         why it failed
 */
public record ProbeResult(boolean reachable, long latencyMillis, Optional<String> error) {
}
