package dev.valhalla.server.core.config;

import java.time.Duration;

/**
 * The HTTP listener.
 *
 * @param host         address to bind
 * @param port         port; 0 picks a free one
 * @param maxBodyBytes largest accepted request body
 * @param drainTimeout longest wait for in-flight requests on shutdown
 */
public record HttpSettings(String host, int port, long maxBodyBytes, Duration drainTimeout) {
}
