package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request bodies of the registry and their validation, which reports every invalid field at once
 * (422) and never quotes a value back: a refused value may be a secret pasted into the wrong place.
 */
final class ConfigRequests {

    /** Largest value, as compact JSON. */
    static final int MAX_VALUE_BYTES = 64 * 1024;
    static final int MAX_DESCRIPTION = 1_000;
    static final int MAX_REASON = 500;

    private ConfigRequests() {
    }

    /** {@code PUT /system/config/{namespace}/{key}}: the body as sent. */
    record ValueChange(String type, JsonNode value, String description, String reason) {
    }

    /** {@code POST /system/config/{namespace}/{key}/rollback}: the body as sent. */
    record RollbackRequest(JsonNode version, String reason) {
    }

    /**
     * A validated write.
     *
     * @param type        the type
     * @param value       the value normalized for its type
     * @param description the description, empty when not given
     * @param reason      why
     */
    record Change(ConfigType type, JsonNode value, String description, String reason) {
    }

    /** Validates a write of {@code namespace/key}. */
    static Change change(String namespace, String key, ValueChange body, SecretDetector secrets) {
        List<FieldError> errors = new ArrayList<>();
        ConfigKey.validate(namespace, key, errors);
        if (errors.isEmpty()) {
            secrets.inName(namespace, key).ifPresent(why -> errors.add(new FieldError("key", why)));
        }
        Optional<ConfigType> type = Optional.empty();
        if (body.type() == null) {
            errors.add(new FieldError("type", "required: one of string, int, bool, duration, json"));
        } else {
            type = ConfigType.named(body.type());
            if (type.isEmpty()) {
                errors.add(new FieldError("type", "expected one of string, int, bool, duration, json"));
            }
        }
        JsonNode value = value(body.value(), type, secrets, errors);
        String description = text("description", body.description(), MAX_DESCRIPTION, false, secrets, errors);
        String reason = text("reason", body.reason(), MAX_REASON, true, secrets, errors);
        fail(errors);
        return new Change(type.orElseThrow(), value, description, reason);
    }

    /** Validates a rollback: the version to return to and the reason. */
    static long rollback(String namespace, String key, RollbackRequest body, SecretDetector secrets, List<FieldError> errors) {
        ConfigKey.validate(namespace, key, errors);
        long version = 0;
        if (body.version() == null || body.version().isNull()) {
            errors.add(new FieldError("version", "required: the version to roll back to"));
        } else if (!body.version().isIntegralNumber() || !body.version().canConvertToLong() || body.version().longValue() < 1) {
            errors.add(new FieldError("version", "expected a positive integer"));
        } else {
            version = body.version().longValue();
        }
        text("reason", body.reason(), MAX_REASON, true, secrets, errors);
        return version;
    }

    /** Validates a free-text reason given outside a body (the {@code reason} query parameter of a delete). */
    static String reason(String reason, SecretDetector secrets) {
        List<FieldError> errors = new ArrayList<>();
        String checked = text("reason", reason, MAX_REASON, true, secrets, errors);
        fail(errors);
        return checked;
    }

    /** Throws a {@link ValidationException} listing {@code errors} unless it is empty. */
    static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static JsonNode value(JsonNode value, Optional<ConfigType> type, SecretDetector secrets, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError("value", "required (null is not a value)"));
            return null;
        }
        if (size(value) > MAX_VALUE_BYTES) {
            errors.add(new FieldError("value", "at most " + MAX_VALUE_BYTES + " bytes as JSON"));
            return null;
        }
        if (containsNul(value)) {
            errors.add(new FieldError("value", "must not contain the NUL character (\\u0000)"));
            return null;
        }
        if (type.isEmpty()) {
            return null;
        }
        ConfigType.Checked checked = type.get().check(value);
        if (!checked.accepted()) {
            errors.add(new FieldError("value", checked.problem()));
            return null;
        }
        Optional<String> secret = secrets.inValue(checked.value());
        if (secret.isPresent()) {
            errors.add(new FieldError("value", secret.get()));
            return null;
        }
        return checked.value();
    }

    private static String text(String field, String value, int max, boolean required, SecretDetector secrets,
                               List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "required: say why, in at most " + max + " characters"));
            }
            return "";
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
        } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            errors.add(new FieldError(field, "must not contain control characters"));
        } else {
            secrets.inText(value).ifPresent(why -> errors.add(new FieldError(field, why)));
        }
        return value;
    }

    private static int size(JsonNode value) {
        // toString() renders compact JSON
        return value.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean containsNul(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().indexOf('\u0000') >= 0;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
                return true;
            }
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
