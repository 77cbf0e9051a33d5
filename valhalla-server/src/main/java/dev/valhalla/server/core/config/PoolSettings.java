package dev.valhalla.server.core.config;

import java.time.Duration;

/**
 * One connection pool.
 *
 * @param maxSize                maximum connections
 * @param minIdle                idle connections kept
 * @param acquisitionTimeout     longest wait for a connection
 * @param leakDetectionThreshold a connection held longer is reported; {@link Duration#ZERO} = off
 */
public record PoolSettings(int maxSize, int minIdle, Duration acquisitionTimeout, Duration leakDetectionThreshold) {
}
