package dev.valhalla.server.core.error;

import java.util.List;
import java.util.Map;

/** Input that is well-formed but invalid: 422 with every field error in the {@code errors} member. */
public final class ValidationException extends ValhallaException {

    private final List<FieldError> errors;

    /** A validation failure listing all field errors found (never only the first). */
    public ValidationException(List<FieldError> errors) {
        super(StandardErrorCode.VALIDATION_FAILED, summary(errors), null, Map.of("errors", List.copyOf(errors)), null);
        this.errors = List.copyOf(errors);
    }

    /** A validation failure of one field. */
    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    /** The field errors. */
    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one field error");
        }
        return errors.size() == 1
                ? "Invalid field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
