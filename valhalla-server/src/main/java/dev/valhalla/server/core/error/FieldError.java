package dev.valhalla.server.core.error;

/**
 * One invalid input field.
 *
 * @param field   JSON pointer-like path of the field, e.g. {@code scopes[1]} or {@code name}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
