package dev.valhalla.server.security;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The request bodies of the security API; each validates itself and reports every invalid field (422). */
final class SecurityRequests {

    static final Pattern POLICY_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Paths of the product itself, never a honeypot. */
    static final List<String> RESERVED_PREFIXES = List.of("/system", "/api", "/live", "/ready", "/health", "/metrics",
            "/openapi.json", "/docs");
    private static final int MAX_TEXT = 500;
    private static final int MAX_SECONDS = 365 * 24 * 3600;

    private SecurityRequests() {
    }

    /** {@code POST /system/security/policies}. */
    record NewPolicy(String name, String description, Boolean enabled) {
        NewPolicy {
            List<FieldError> errors = new ArrayList<>();
            if (name == null || !POLICY_NAME.matcher(name).matches()) {
                errors.add(new FieldError("name", "required: 1 to 63 characters of a-z, 0-9, '.', '_', '-'"));
            }
            description = text("description", description, errors);
            enabled = enabled == null || enabled;
            fail(errors);
        }
    }

    /** {@code PATCH /system/security/policies/{id}}: absent fields keep their value. */
    record PolicyChange(String description, Boolean enabled) {
        PolicyChange {
            List<FieldError> errors = new ArrayList<>();
            if (description != null && description.length() > MAX_TEXT) {
                errors.add(new FieldError("description", "at most " + MAX_TEXT + " characters"));
            }
            if (description == null && enabled == null) {
                errors.add(new FieldError("(body)", "give description or enabled"));
            }
            fail(errors);
        }
    }

    /** {@code POST /system/security/blocklist}. */
    record NewRule(Long policyId, String kind, String value, String reason, Instant expiresAt) {
        NewRule {
            List<FieldError> errors = new ArrayList<>();
            if (policyId == null || policyId < 1) {
                errors.add(new FieldError("policyId", "required: the id of a security policy"));
            }
            RuleKind parsed = kind == null ? null : RuleKind.fromWire(kind).orElse(null);
            if (parsed == null) {
                errors.add(new FieldError("kind", "required: one of ip, cidr, api_key, client, user_agent, path_prefix"));
            } else {
                value = parsed.normalize(value, "value", errors);
            }
            if (reason == null || reason.isBlank() || reason.length() > MAX_TEXT) {
                errors.add(new FieldError("reason", "required, at most " + MAX_TEXT + " characters"));
            }
            fail(errors);
        }

        RuleKind ruleKind() {
            return RuleKind.fromWire(kind).orElseThrow();
        }
    }

    /** {@code POST /system/security/honeypots}. */
    record NewHoneypot(String method, String path, String description, Boolean enabled, Integer blockThreshold,
                       Integer windowSeconds, Integer blockSeconds) {
        NewHoneypot {
            List<FieldError> errors = new ArrayList<>();
            method = method == null ? null : method.toUpperCase(Locale.ROOT);
            if (method == null || !METHODS.contains(method)) {
                errors.add(new FieldError("method", "required: one of " + String.join(", ", METHODS.stream().sorted().toList())));
            }
            if (path == null || !path.startsWith("/") || path.length() > MAX_TEXT
                    || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '?' || c == '#')) {
                errors.add(new FieldError("path", "required: an exact path starting with '/', no spaces, query or fragment"));
            } else if (RESERVED_PREFIXES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
                errors.add(new FieldError("path", "must not be a path of the product itself " + RESERVED_PREFIXES));
            }
            description = text("description", description, errors);
            enabled = enabled == null || enabled;
            blockThreshold = blockThreshold == null ? 3 : blockThreshold;
            windowSeconds = windowSeconds == null ? 600 : windowSeconds;
            blockSeconds = blockSeconds == null ? 3600 : blockSeconds;
            if (blockThreshold < 0 || blockThreshold > 1_000_000) {
                errors.add(new FieldError("blockThreshold", "0 (never block) to 1000000"));
            }
            if (windowSeconds < 1 || windowSeconds > MAX_SECONDS) {
                errors.add(new FieldError("windowSeconds", "1 to " + MAX_SECONDS));
            }
            if (blockSeconds < 1 || blockSeconds > MAX_SECONDS) {
                errors.add(new FieldError("blockSeconds", "1 to " + MAX_SECONDS));
            }
            fail(errors);
        }
    }

    private static String text(String field, String value, List<FieldError> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters"));
        }
        return value == null ? "" : value;
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
