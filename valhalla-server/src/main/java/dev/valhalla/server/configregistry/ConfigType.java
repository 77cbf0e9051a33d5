package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a configuration value and how a JSON value of that type is checked and normalized on
 * write: {@code string} (a JSON string), {@code int} (a JSON integer in the signed 64-bit range; no
 * fractions, no strings), {@code bool} ({@code true}/{@code false}), {@code duration} (a JSON string,
 * ISO-8601 like {@code PT30S} or short like {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 250ms},
 * {@code 2d}; stored as ISO-8601, never negative) and {@code json} (any JSON value but {@code null}).
 */
enum ConfigType {
    STRING, INT, BOOL, DURATION, JSON;

    private static final Pattern SHORT_DURATION = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");
    private static final Pattern SHORT_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** The name in the API and the database, e.g. {@code duration}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code name}; empty when there is none. */
    static Optional<ConfigType> named(String name) {
        for (ConfigType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The value as stored, or a description of why it is not of this type. The description never
     * quotes the value (it may be a secret someone pasted into the wrong key).
     */
    Checked check(JsonNode value) {
        return switch (this) {
            case STRING -> value.isTextual() ? Checked.ok(value) : Checked.refused("expected a JSON string (type string), got " + kind(value));
            case INT -> integer(value);
            case BOOL -> value.isBoolean() ? Checked.ok(BooleanNode.valueOf(value.booleanValue()))
                    : Checked.refused("expected true or false (type bool), got " + kind(value));
            case DURATION -> duration(value);
            case JSON -> Checked.ok(value);
        };
    }

    private static Checked integer(JsonNode value) {
        if (!value.isIntegralNumber()) {
            return Checked.refused("expected a JSON integer (type int), got " + kind(value));
        }
        if (!value.canConvertToLong()) {
            return Checked.refused("expected an integer from -2^63 to 2^63-1 (type int), got a larger number");
        }
        return Checked.ok(LongNode.valueOf(value.longValue()));
    }

    private static Checked duration(JsonNode value) {
        String problem = "expected a duration as ISO-8601 (PT30S) or short form (30s, 5m, 1h30m, 250ms, 2d) (type duration)";
        if (!value.isTextual()) {
            return Checked.refused(problem + ", got " + kind(value));
        }
        Optional<Duration> parsed = parseDuration(value.textValue().trim());
        if (parsed.isEmpty()) {
            return Checked.refused(problem);
        }
        if (parsed.get().isNegative()) {
            return Checked.refused("a duration must not be negative (type duration)");
        }
        return Checked.ok(TextNode.valueOf(parsed.get().toString()));
    }

    static Optional<Duration> parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("-P") || text.startsWith("+P")) {
            try {
                return Optional.of(Duration.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (!SHORT_DURATION.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = SHORT_PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return Optional.of(total);
    }

    private static String kind(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a number with a fraction";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isObject() ? "an object" : "null";
    }

    /**
     * The outcome of {@link #check}: the normalized value, or why it was refused.
     *
     * @param value   the value to store, null when refused
     * @param problem why it was refused, null when accepted
     */
    record Checked(JsonNode value, String problem) {
        static Checked ok(JsonNode value) {
            return new Checked(value, null);
        }

        static Checked refused(String problem) {
            return new Checked(null, problem);
        }

        boolean accepted() {
            return problem == null;
        }
    }
}
