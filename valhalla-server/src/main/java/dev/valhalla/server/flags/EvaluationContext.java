package dev.valhalla.server.flags;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unleash context a flag is evaluated against. Every field may be null; {@code properties} holds
 * custom fields (null values count as absent). A constraint or stickiness naming {@code userId},
 * {@code sessionId}, {@code remoteAddress}, {@code environment}, {@code appName} or {@code currentTime}
 * reads the field of that name; any other name reads {@code properties}.
 *
 * @param userId        user identifier
 * @param sessionId     session identifier
 * @param remoteAddress client IP address (IPv4 or IPv6 literal)
 * @param environment   environment name
 * @param appName       application name
 * @param currentTime   ISO-8601 instant with offset; when null, date operators use the evaluator's clock
 * @param properties    custom fields; {@code hostname} is read by the {@code applicationHostname} strategy
 */
public record EvaluationContext(String userId, String sessionId, String remoteAddress, String environment,
                                String appName, String currentTime, Map<String, String> properties) {

    private static final EvaluationContext EMPTY = new EvaluationContext(null, null, null, null, null, null, Map.of());

    public EvaluationContext {
        properties = properties == null || properties.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new HashMap<>(properties));
    }

    /** A context with no fields. */
    public static EvaluationContext empty() {
        return EMPTY;
    }

    /** A context with only a user id. */
    public static EvaluationContext ofUser(String userId) {
        return new EvaluationContext(userId, null, null, null, null, null, Map.of());
    }

    /**
     * The value of a field by its Unleash context name, or null when absent. {@code currentTime} is
     * returned as given (no clock fallback here).
     */
    public String field(String name) {
        return switch (name) {
            case "userId" -> userId;
            case "sessionId" -> sessionId;
            case "remoteAddress" -> remoteAddress;
            case "environment" -> environment;
            case "appName" -> appName;
            case "currentTime" -> currentTime;
            default -> properties.get(name);
        };
    }
}
