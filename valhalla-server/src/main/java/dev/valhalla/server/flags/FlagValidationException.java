package dev.valhalla.server.flags;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.StandardErrorCode;
import dev.valhalla.server.core.error.ValhallaException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flag, segment or import document that is well-formed JSON but invalid: 422 listing every error
 * as {@code {pointer, field, message}}, where {@code pointer} is the RFC 6901 JSON pointer into the
 * request body ({@code field} repeats it, for clients of the generic field-error shape).
 */
final class FlagValidationException extends ValhallaException {

    private final List<FieldError> errors;

    FlagValidationException(List<FieldError> errors) {
        super(StandardErrorCode.VALIDATION_FAILED, summary(errors), null, Map.of("errors", rendered(errors)), null);
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }

    /** Throws when {@code errors} is not empty. */
    static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new FlagValidationException(errors);
        }
    }

    private static List<Map<String, String>> rendered(List<FieldError> errors) {
        return errors.stream().map(error -> {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("pointer", error.field());
            item.put("field", error.field());
            item.put("message", error.message());
            return item;
        }).toList();
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        return errors.size() == 1
                ? "Invalid value at '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " values are invalid; see errors";
    }
}
