package dev.valhalla.server.flags;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An OFREP request body ({@code {"context": {…}}}) as an Unleash {@link EvaluationContext}:
 * {@code targetingKey} becomes {@code userId} (an explicit {@code userId} wins); {@code sessionId},
 * {@code remoteAddress}, {@code environment}, {@code appName} and {@code currentTime} fill the fields
 * of those names; every other member becomes a property (numbers and booleans as their JSON text,
 * nulls ignored). An empty body is an empty context.
 */
final class OfrepContext {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("userId", "sessionId", "remoteAddress", "environment", "appName",
            "currentTime", "targetingKey");

    /** Why a body cannot be evaluated: an OFREP error code and details. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final String errorCode;

        Refused(String errorCode, String details) {
            super(details, null, false, false);
            this.errorCode = errorCode;
        }

        String errorCode() {
            return errorCode;
        }
    }

    private OfrepContext() {
    }

    /**
     * The context of a request body.
     *
     * @throws Refused {@code PARSE_ERROR} when the body is not a JSON object, {@code INVALID_CONTEXT} when
     *                 the context is not an object or holds a nested value or a non-text field
     */
    static EvaluationContext parse(byte[] body) throws Refused {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return EvaluationContext.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new Refused("PARSE_ERROR", "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refused("PARSE_ERROR", "The body must be a JSON object such as {\"context\": {\"targetingKey\": \"…\"}}");
        }
        JsonNode context = root.path("context");
        if (context.isMissingNode() || context.isNull()) {
            return EvaluationContext.empty();
        }
        if (!context.isObject()) {
            throw new Refused("INVALID_CONTEXT", "context must be a JSON object");
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> properties = new HashMap<>();
        for (Map.Entry<String, JsonNode> member : context.properties()) {
            JsonNode value = member.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isContainerNode()) {
                throw new Refused("INVALID_CONTEXT", "context." + member.getKey()
                        + " must be a string, number or boolean; nested values cannot be evaluated");
            }
            if (FIELDS.contains(member.getKey())) {
                if (!value.isTextual()) {
                    throw new Refused("INVALID_CONTEXT", "context." + member.getKey() + " must be a string");
                }
                values.put(member.getKey(), value.textValue());
            } else {
                properties.put(member.getKey(), value.asText());
            }
        }
        String userId = values.getOrDefault("userId", values.get("targetingKey"));
        return new EvaluationContext(userId, values.get("sessionId"), values.get("remoteAddress"),
                values.get("environment"), values.get("appName"), values.get("currentTime"), properties);
    }
}
