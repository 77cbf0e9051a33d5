package dev.valhalla.server.core.config;

import java.time.Duration;

/**
 * The query monitor.
 *
 * @param enabled            whether statements are timed
 * @param window             samples kept per normalized statement
 * @param slowQueryThreshold statements slower than this are logged
 */
public record MonitorSettings(boolean enabled, int window, Duration slowQueryThreshold) {
}
