package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /system/rate-limits} and {@code PUT /system/rate-limits/{name}}. Validates
 * itself and reports every invalid field at once (422).
 *
 * @param name          required on create: 1 to 63 of a-z, 0-9, '_', '-'; on update absent or the path's
 * @param algorithm     {@code token_bucket}, {@code fixed_window}, {@code daily_quota} or {@code monthly_quota}
 * @param limit         1 to 1 000 000 000
 * @param windowSeconds required for rates (1 s to 1 year), absent for quotas
 * @param key           {@code ip}, {@code api_key} or {@code client}
 * @param pathPrefix    starts with '/'; default {@code /} (every route)
 * @param writes        true: write routes only; false: read routes only; absent: both
 * @param scope         {@code public}, {@code read}, {@code write} or {@code admin}; absent: any
 * @param enabled       default true
 * @param description   at most 500 characters
 */
record PolicyRequest(String name, String algorithm, Long limit, Long windowSeconds, String key, String pathPrefix,
                     Boolean writes, String scope, Boolean enabled, String description) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("/[A-Za-z0-9/_.{}~-]{0,199}");
    private static final Set<String> SCOPES = Set.of("public", "read", "write", "admin");
    private static final long MAX_LIMIT = 1_000_000_000L;
    private static final long MAX_WINDOW_SECONDS = 366L * 24 * 3600;

    PolicyRequest {
        List<FieldError> errors = new ArrayList<>();
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "1 to 63 characters of a-z, 0-9, '_', '-', starting with a letter or digit"));
        }
        Algorithm parsed = algorithm == null ? null : Algorithm.parse(algorithm).orElse(null);
        if (parsed == null) {
            errors.add(new FieldError("algorithm", "required: one of token_bucket, fixed_window, daily_quota, monthly_quota"));
        }
        if (limit == null || limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "required: an integer from 1 to " + MAX_LIMIT));
        }
        if (parsed != null && parsed.quota() && windowSeconds != null) {
            errors.add(new FieldError("windowSeconds", "not allowed for quotas: their period is the UTC day or month"));
        }
        if (parsed != null && !parsed.quota() && (windowSeconds == null || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS)) {
            errors.add(new FieldError("windowSeconds", "required for rates: an integer from 1 to " + MAX_WINDOW_SECONDS));
        }
        if (key == null || KeyBy.parse(key).isEmpty()) {
            errors.add(new FieldError("key", "required: one of ip, api_key, client"));
        }
        pathPrefix = pathPrefix == null ? "/" : pathPrefix;
        if (!PREFIX.matcher(pathPrefix).matches()) {
            errors.add(new FieldError("pathPrefix", "a path starting with '/', at most 200 characters, no spaces or query"));
        }
        if (scope != null && !SCOPES.contains(scope)) {
            errors.add(new FieldError("scope", "one of public, read, write, admin"));
        }
        enabled = enabled == null ? Boolean.TRUE : enabled;
        description = description == null ? "" : description.strip();
        if (description.length() > 500) {
            errors.add(new FieldError("description", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    Algorithm parsedAlgorithm() {
        return Algorithm.parse(algorithm).orElseThrow();
    }

    KeyBy parsedKey() {
        return KeyBy.parse(key).orElseThrow();
    }
}
