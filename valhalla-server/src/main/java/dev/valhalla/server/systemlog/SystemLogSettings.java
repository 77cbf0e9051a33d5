package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.Level;
import dev.valhalla.server.core.config.Setting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The system log's settings, frozen at start.
 *
 * @param level         lowest level kept; {@link Level#OFF} keeps nothing
 * @param queueCapacity events waiting before new ones are dropped ({@code VALHALLA_SYSTEM_LOG_QUEUE})
 * @param batchSize     most events per write
 * @param flushInterval longest wait before queued events are written
 */
public record SystemLogSettings(Level level, int queueCapacity, int batchSize, Duration flushInterval) {

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** The defaults of {@link Setting#SYSTEM_LOG_LEVEL} and {@link Setting#SYSTEM_LOG_QUEUE}. */
    public static SystemLogSettings defaults() {
        return from(setting -> null);
    }

    /**
     * Parses the settings from raw values ({@code null} or blank: the setting's default).
     *
     * @throws IllegalArgumentException naming each invalid variable
     */
    public static SystemLogSettings from(Function<Setting, String> raw) {
        List<String> problems = new ArrayList<>();
        String levelName = value(raw, Setting.SYSTEM_LOG_LEVEL).toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(levelName)) {
            problems.add(Setting.SYSTEM_LOG_LEVEL.variable() + ": expected one of " + LEVELS + ", got '" + levelName + "'");
        }
        String queue = value(raw, Setting.SYSTEM_LOG_QUEUE);
        int capacity = 0;
        try {
            capacity = Integer.parseInt(queue);
        } catch (NumberFormatException e) {
            capacity = -1;
        }
        if (capacity < 1 || capacity > 1_000_000) {
            problems.add(Setting.SYSTEM_LOG_QUEUE.variable() + ": expected an integer from 1 to 1000000, got '" + queue + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new SystemLogSettings(Level.toLevel(levelName), capacity, 500, Duration.ofMillis(250));
    }

    /** Whether events are kept at all. */
    public boolean enabled() {
        return !level.equals(Level.OFF);
    }

    private static String value(Function<Setting, String> raw, Setting setting) {
        String value = raw.apply(setting);
        return value == null || value.isBlank() ? setting.defaultValue() : value.trim();
    }
}
