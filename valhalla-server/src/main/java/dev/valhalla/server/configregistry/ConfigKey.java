package dev.valhalla.server.configregistry;

import dev.valhalla.server.core.error.FieldError;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The name of a configuration value: {@code namespace/key}, e.g. {@code payments/retry.max_attempts}.
 * A namespace is 1 to 63 characters of {@code a-z 0-9 -} starting with a letter (usually a service's
 * name); a key is 1 to 128 characters of {@code a-z 0-9 _ . -} starting with a letter, where dots group
 * related keys.
 *
 * @param namespace the namespace
 * @param key       the key inside the namespace
 */
record ConfigKey(String namespace, String key) {

    static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,127}");

    /** Adds an error for each part of the name that does not have the expected form. */
    static void validate(String namespace, String key, List<FieldError> errors) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "expected 1 to 63 characters of a-z, 0-9 and '-', starting with a letter"));
        }
        if (key != null && (!KEY.matcher(key).matches() || key.contains("..") || key.endsWith("."))) {
            errors.add(new FieldError("key", "expected 1 to 128 characters of a-z, 0-9, '_', '.' and '-', starting with a "
                    + "letter, without empty dot-separated parts"));
        }
    }

    /** {@code namespace/key}, as the audit trail names the target. */
    String qualified() {
        return namespace + "/" + key;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
