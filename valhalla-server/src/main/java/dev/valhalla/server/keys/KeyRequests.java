package dev.valhalla.server.keys;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The request bodies of the key API; each validates itself and reports every invalid field (422). */
final class KeyRequests {

    static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);
    static final Duration MAX_OVERLAP = Duration.ofDays(30);
    private static final int MAX_TEXT = 500;

    private KeyRequests() {
    }

    /** {@code POST /system/api-clients}. */
    record NewClient(String id, String description) {
        NewClient {
            List<FieldError> errors = new ArrayList<>();
            if (id == null || !CLIENT_ID.matcher(id).matches()) {
                errors.add(new FieldError("id", "required: 1 to 63 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit"));
            }
            description = text("description", description, errors);
            fail(errors);
        }
    }

    /** {@code POST /system/api-keys}. */
    record NewKey(String clientId, String name, List<String> scopes, Instant expiresAt) {
        NewKey {
            List<FieldError> errors = new ArrayList<>();
            if (clientId == null || clientId.isBlank()) {
                errors.add(new FieldError("clientId", "required"));
            }
            name = text("name", name, errors);
            scopes = List.copyOf(parseScopes(scopes, errors).stream().map(KeyRequests::scopeName).toList());
            fail(errors);
        }

        Set<Scope> scopeSet() {
            return parseScopes(scopes, new ArrayList<>());
        }
    }

    /** {@code POST /system/api-keys/{keyId}/rotate}: the old key stays valid for {@code overlap}. */
    record Rotation(Duration overlap, Instant expiresAt, String reason) {
        Rotation {
            List<FieldError> errors = new ArrayList<>();
            overlap = overlap == null ? DEFAULT_OVERLAP : overlap;
            if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
                errors.add(new FieldError("overlap", "must be an ISO-8601 duration from PT0S to P30D"));
            }
            reason = text("reason", reason, errors);
            fail(errors);
        }
    }

    /** {@code POST /system/api-keys/{keyId}/revoke} and {@code /system/api-clients/{clientId}/disable}. */
    record Reason(String reason) {
        Reason {
            List<FieldError> errors = new ArrayList<>();
            reason = text("reason", reason, errors);
            fail(errors);
        }
    }

    static String scopeName(Scope scope) {
        return scope.name().toLowerCase(Locale.ROOT);
    }

    private static Set<Scope> parseScopes(List<String> scopes, List<FieldError> errors) {
        Set<Scope> parsed = EnumSet.noneOf(Scope.class);
        if (scopes == null || scopes.isEmpty()) {
            errors.add(new FieldError("scopes", "required: one or more of read, write, admin"));
            return parsed;
        }
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            switch (scope == null ? "" : scope) {
                case "read" -> parsed.add(Scope.READ);
                case "write" -> parsed.add(Scope.WRITE);
                case "admin" -> parsed.add(Scope.ADMIN);
                default -> errors.add(new FieldError("scopes[" + i + "]", "expected read, write or admin"));
            }
        }
        return parsed;
    }

    private static String text(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters"));
        } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
        return value;
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
