package dev.valhalla.server.security;

import dev.valhalla.server.core.error.FieldError;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a blocklist rule matches; each kind validates and normalizes its value. */
enum RuleKind {
    /** One client address (IPv4 or IPv6). */
    IP,
    /** A network of client addresses. */
    CIDR,
    /** An API key id, read from the presented key's {@code vh_<key id>_} prefix without a lookup. */
    API_KEY,
    /** An API client id: its keys are refused before authentication, any other after it. */
    CLIENT,
    /** A regular expression found anywhere in the {@code User-Agent} header. */
    USER_AGENT,
    /** A request path prefix such as {@code /api/export}. */
    PATH_PREFIX;

    static final Pattern KEY_ID = Pattern.compile("[0-9A-Za-z]{8}");
    static final Pattern PRESENTED_KEY_ID = Pattern.compile("vh_([0-9A-Za-z]{8})_.*");
    static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final int MAX_VALUE = 500;

    /** The wire name, e.g. {@code user_agent}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this wire name. */
    static Optional<RuleKind> fromWire(String name) {
        for (RuleKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The value in canonical form, or null after adding a field error for {@code field}. */
    String normalize(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE) {
            errors.add(new FieldError(field, "required, at most " + MAX_VALUE + " characters"));
            return null;
        }
        String trimmed = value.trim();
        String normalized = switch (this) {
            case IP -> IpAddresses.parse(trimmed).map(IpAddresses::format).orElse(null);
            case CIDR -> Cidr.parse(trimmed).map(Cidr::toString).orElse(null);
            case API_KEY -> apiKeyId(trimmed);
            case CLIENT -> CLIENT_ID.matcher(trimmed).matches() ? trimmed : null;
            case USER_AGENT -> validRegex(trimmed) ? value : null;
            case PATH_PREFIX -> trimmed.startsWith("/") && trimmed.chars().noneMatch(c -> c <= ' ' || c == 0x7f)
                    ? trimmed : null;
        };
        if (normalized == null) {
            errors.add(new FieldError(field, switch (this) {
                case IP -> "not an IPv4 or IPv6 address";
                case CIDR -> "not a CIDR such as 10.0.0.0/8 or 2001:db8::/32";
                case API_KEY -> "not an API key id (8 letters or digits) or a key prefix vh_<id>_";
                case CLIENT -> "not a client id (a-z, 0-9, '.', '_', '-')";
                case USER_AGENT -> "not a valid regular expression";
                case PATH_PREFIX -> "must start with '/' and contain no spaces or control characters";
            }));
        }
        return normalized;
    }

    private static String apiKeyId(String value) {
        if (KEY_ID.matcher(value).matches()) {
            return value;
        }
        var matcher = PRESENTED_KEY_ID.matcher(value);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static boolean validRegex(String value) {
        try {
            Pattern.compile(value);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
