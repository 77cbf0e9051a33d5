package dev.valhalla.migrate.revision;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the header lines of one revision file ({@code -- key: value}) and validates every value, failing on
 * the exact line of the first problem.
 */
final class HeaderParser {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_]+)\\s*:(.*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?", Pattern.CASE_INSENSITIVE);
    private static final String LINT_IGNORE = "lint:ignore";
    private static final List<String> KEYS =
            List.of("id", "parents", "message", "transactional", "lock_timeout", "statement_timeout", LINT_IGNORE);
    // PostgreSQL stores lock_timeout and statement_timeout as an int of milliseconds.
    private static final long MAX_TIMEOUT_MILLIS = Integer.MAX_VALUE;

    private final Path file;
    private final Map<String, Integer> keyLines = new HashMap<>();
    private final Set<String> lintIgnores = new LinkedHashSet<>();
    private String id;
    private List<String> parents = List.of();
    private String message = "";
    private boolean transactional = true;
    private Optional<Duration> lockTimeout = Optional.empty();
    private Optional<Duration> statementTimeout = Optional.empty();

    HeaderParser(Path file) {
        this.file = file;
    }

    /** Reads one non-blank header line (already known not to be a section marker). */
    void accept(String rawLine, int line) {
        String text = rawLine.strip();
        if (!text.startsWith("--")) {
            throw problem(line, "expected a header line '-- key: value' or the '-- upgrade' marker, found '"
                    + abbreviate(text) + "'");
        }
        String body = text.substring(2).strip();
        if (body.regionMatches(true, 0, LINT_IGNORE, 0, LINT_IGNORE.length())
                && (body.length() == LINT_IGNORE.length() || !Character.isLetterOrDigit(body.charAt(LINT_IGNORE.length())))) {
            lintIgnore(body.substring(LINT_IGNORE.length()), line);
            return;
        }
        Matcher matcher = KEY_VALUE.matcher(body);
        if (!matcher.matches()) {
            throw problem(line, "header line is not of the form '-- key: value': '" + abbreviate(text) + "'");
        }
        String key = matcher.group(1).toLowerCase(Locale.ROOT);
        String value = matcher.group(2).strip();
        if (!KEYS.contains(key)) {
            throw problem(line, "unknown header key '" + matcher.group(1) + "' (known keys: " + String.join(", ", KEYS) + ")");
        }
        Integer previous = keyLines.putIfAbsent(key, line);
        if (previous != null) {
            throw problem(line, "duplicate header key '" + key + "' (first given at line " + previous + ")");
        }
        value(key, value, line);
    }

    private void value(String key, String value, int line) {
        switch (key) {
            case "id" -> id = id(value, line);
            case "parents" -> parents = parents(value, line);
            case "message" -> message = value;
            case "transactional" -> transactional = yesNo(value, line);
            case "lock_timeout" -> lockTimeout = Optional.of(duration(key, value, line));
            case "statement_timeout" -> statementTimeout = Optional.of(duration(key, value, line));
            default -> throw new IllegalStateException("key listed but not handled: " + key);
        }
    }

    /** Checks what only the whole header can tell, and returns it. */
    RevisionHeader finish() {
        if (id == null) {
            throw problem(1, "header has no 'id' (add a line '-- id: <revision id>' before '-- upgrade')");
        }
        if (parents.contains(id)) {
            throw problem(keyLines.get("parents"), "revision '" + id + "' names itself as a parent");
        }
        return new RevisionHeader(id, parents, message, transactional, lockTimeout, statementTimeout, lintIgnores);
    }

    private void lintIgnore(String rules, int line) {
        List<String> ids = LintIgnores.parse(rules);
        if (ids.isEmpty()) {
            throw problem(line, "lint:ignore names no rule (expected '-- lint:ignore RULE[,RULE]')");
        }
        lintIgnores.addAll(ids);
    }

    private String id(String value, int line) {
        if (!ID.matcher(value).matches()) {
            throw problem(line, "malformed id '" + value + "' (expected letters, digits, '_', '.', '-', "
                    + "starting with a letter or digit)");
        }
        return value;
    }

    private List<String> parents(String value, int line) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String parent = part.strip();
            if (!ID.matcher(parent).matches()) {
                throw problem(line, "malformed parent id '" + parent + "' in parents '" + value + "'");
            }
            if (ids.contains(parent)) {
                throw problem(line, "duplicate parent '" + parent + "'");
            }
            ids.add(parent);
        }
        return ids;
    }

    private boolean yesNo(String value, int line) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw problem(line, "malformed transactional '" + value + "' (expected yes, no, true or false)");
        };
    }

    private Duration duration(String key, String value, int line) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw problem(line, "malformed " + key + " '" + value + "' (expected e.g. 500ms, 5s, 2min, 1h "
                    + "or an integer of milliseconds)");
        }
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2).toLowerCase(Locale.ROOT);
        long millisPerUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "min" -> 60_000;
            default -> 3_600_000;
        };
        String digits = matcher.group(1);
        // Any amount with more digits than this already exceeds the limit; avoids overflow in parsing.
        long amount = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (amount > MAX_TIMEOUT_MILLIS / millisPerUnit) {
            throw problem(line, key + " '" + value + "' exceeds PostgreSQL's maximum of " + MAX_TIMEOUT_MILLIS + "ms");
        }
        return Duration.ofMillis(amount * millisPerUnit);
    }

    private RevisionFormatException problem(int line, String problem) {
        return new RevisionFormatException(file, line, problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
