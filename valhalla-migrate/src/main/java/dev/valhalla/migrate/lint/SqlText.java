package dev.valhalla.migrate.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statement text reduced to what the rules match on: comments removed, string literals and dollar-quoted
 * bodies replaced by {@code ''}, everything lower case, one space between tokens, and {@code ( ) ,} standing as
 * separate tokens. A quoted identifier becomes {@code QI_} followed by its content (non-word characters turned
 * into {@code _}); the upper-case prefix cannot occur in the lower-cased rest, so a keyword spelt inside quotes
 * ({@code "not null"}) never matches a rule.
 */
final class SqlText {

    /** A possibly schema-qualified name in normalized text. */
    static final String NAME = "(?:[\\w$]+\\.){0,2}[\\w$]+";

    private static final String QUOTED_PREFIX = "QI_";
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*)?\\$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SqlText() {
    }

    /** Normalizes one statement as described on the class. */
    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int index = 0;
        while (index < sql.length()) {
            index = consume(sql, index, out);
        }
        return SPACES.matcher(out).replaceAll(" ").trim();
    }

    private static int consume(String sql, int index, StringBuilder out) {
        char c = sql.charAt(index);
        char next = index + 1 < sql.length() ? sql.charAt(index + 1) : '\0';
        if (c == '-' && next == '-') {
            int end = sql.indexOf('\n', index);
            out.append(' ');
            return end < 0 ? sql.length() : end;
        }
        if (c == '/' && next == '*') {
            out.append(' ');
            return skipBlockComment(sql, index);
        }
        if (c == '\'') {
            out.append("''");
            return skipString(sql, index, isEscapeString(sql, index));
        }
        if (c == '"') {
            return quotedIdentifier(sql, index, out);
        }
        if (c == '$' && !precededByWordCharacter(sql, index)) {
            Matcher tag = DOLLAR_TAG.matcher(sql).region(index, sql.length());
            if (tag.lookingAt()) {
                int close = sql.indexOf(tag.group(), tag.end());
                out.append("''");
                return close < 0 ? sql.length() : close + tag.group().length();
            }
        }
        if (c == '(' || c == ')' || c == ',') {
            out.append(' ').append(c).append(' ');
        } else {
            out.append(Character.toLowerCase(c));
        }
        return index + 1;
    }

    // Block comments nest in PostgreSQL, unlike in the SQL standard.
    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int index = start;
        while (index < sql.length()) {
            if (sql.startsWith("/*", index)) {
                depth++;
                index += 2;
            } else if (sql.startsWith("*/", index)) {
                depth--;
                index += 2;
                if (depth == 0) {
                    return index;
                }
            } else {
                index++;
            }
        }
        return index;
    }

    private static int skipString(String sql, int start, boolean backslashEscapes) {
        int index = start + 1;
        while (index < sql.length()) {
            char c = sql.charAt(index);
            if (backslashEscapes && c == '\\') {
                index += 2;
            } else if (c == '\'') {
                if (index + 1 < sql.length() && sql.charAt(index + 1) == '\'') {
                    index += 2;
                } else {
                    return index + 1;
                }
            } else {
                index++;
            }
        }
        return index;
    }

    private static boolean isEscapeString(String sql, int quote) {
        return quote > 0 && (sql.charAt(quote - 1) == 'e' || sql.charAt(quote - 1) == 'E')
                && !precededByWordCharacter(sql, quote - 1);
    }

    private static boolean precededByWordCharacter(String sql, int index) {
        if (index == 0) {
            return false;
        }
        char before = sql.charAt(index - 1);
        return Character.isLetterOrDigit(before) || before == '_' || before == '$';
    }

    private static int quotedIdentifier(String sql, int start, StringBuilder out) {
        out.append(QUOTED_PREFIX);
        int index = start + 1;
        while (index < sql.length()) {
            char c = sql.charAt(index);
            if (c == '"') {
                if (index + 1 < sql.length() && sql.charAt(index + 1) == '"') {
                    out.append('_');
                    index += 2;
                    continue;
                }
                return index + 1;
            }
            out.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
            index++;
        }
        return index;
    }

    /**
     * The name as PostgreSQL resolves it, without its schema: {@code public.Users} and {@code users} are the
     * same table, {@code "Users"} is another. Schemas are dropped because a revision rarely creates the same
     * table name in two schemas.
     */
    static String objectName(String normalizedName) {
        String last = normalizedName.substring(normalizedName.lastIndexOf('.') + 1);
        return last.startsWith(QUOTED_PREFIX) ? last.substring(QUOTED_PREFIX.length()) : last;
    }

    /** Splits normalized text at the given separator where it stands outside parentheses. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, index).trim());
                start = index + 1;
            }
        }
        parts.add(text.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** The text inside the parentheses that open at {@code open}, or the rest of the text if they never close. */
    static String parenthesized(String text, int open) {
        int depth = 0;
        for (int index = open; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.substring(open + 1, index).trim();
            }
        }
        return text.substring(Math.min(open + 1, text.length())).trim();
    }
}
