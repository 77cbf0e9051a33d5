package dev.valhalla.server.core.db;

/**
 * What the query monitor knows about one normalized statement. Mean, p95 and max cover the rolling
 * window of the last samples; {@code count} and {@code errors} count every execution since start.
 *
 * @param statement   the normalized statement
 * @param count       executions since start
 * @param errors      failed executions since start
 * @param samples     executions in the window
 * @param meanMillis  mean duration over the window
 * @param p95Millis   95th percentile duration over the window
 * @param maxMillis   longest duration over the window
 * @param totalMillis sum of durations over the window (what the ranking uses)
 */
public record StatementStats(String statement, long count, long errors, int samples, double meanMillis,
                             double p95Millis, double maxMillis, double totalMillis) {
}
