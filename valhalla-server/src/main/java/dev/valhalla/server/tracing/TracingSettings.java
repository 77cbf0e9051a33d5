package dev.valhalla.server.tracing;

import dev.valhalla.server.core.config.Setting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Tracing settings, frozen at start.
 *
 * @param sampleRate    share of requests without a caller's {@code traceparent} that are traced, 0 to 1
 * @param queueCapacity spans waiting before new ones are dropped
 * @param batchSize     most spans per write
 * @param flushInterval longest wait before queued spans are written
 */
public record TracingSettings(double sampleRate, int queueCapacity, int batchSize, Duration flushInterval) {

    public TracingSettings {
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sample rate must be from 0 to 1, got " + sampleRate);
        }
    }

    /** The defaults of {@link Setting#TRACE_SAMPLE_RATE} and {@link Setting#TRACE_QUEUE}. */
    public static TracingSettings defaults() {
        return from(setting -> null);
    }

    /** A copy with another sample rate. */
    public TracingSettings withSampleRate(double rate) {
        return new TracingSettings(rate, queueCapacity, batchSize, flushInterval);
    }

    /**
     * Parses raw values ({@code null} or blank: the setting's default).
     *
     * @throws IllegalArgumentException naming each invalid variable
     */
    public static TracingSettings from(Function<Setting, String> raw) {
        List<String> problems = new ArrayList<>();
        String rateText = value(raw, Setting.TRACE_SAMPLE_RATE);
        double rate = -1;
        try {
            rate = Double.parseDouble(rateText);
        } catch (NumberFormatException e) {
            rate = -1;
        }
        if (!(rate >= 0 && rate <= 1)) {
            problems.add(Setting.TRACE_SAMPLE_RATE.variable() + ": expected a number from 0 to 1, got '" + rateText + "'");
        }
        String queueText = value(raw, Setting.TRACE_QUEUE);
        int capacity;
        try {
            capacity = Integer.parseInt(queueText);
        } catch (NumberFormatException e) {
            capacity = -1;
        }
        if (capacity < 1 || capacity > 1_000_000) {
            problems.add(Setting.TRACE_QUEUE.variable() + ": expected an integer from 1 to 1000000, got '" + queueText + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new TracingSettings(rate, capacity, 500, Duration.ofMillis(250));
    }

    private static String value(Function<Setting, String> raw, Setting setting) {
        String value = raw.apply(setting);
        return value == null || value.isBlank() ? setting.defaultValue() : value.trim();
    }
}
