package dev.valhalla.server.core.db;

/**
 * Reduces a SQL statement to its shape so executions with different literals group together:
 * string literals (including dollar-quoted and escape strings), numbers, {@code $n} and {@code :name} parameters
 * become {@code ?}, {@code IN (?, ?, …)} lists become {@code IN (?)}, comments are dropped and
 * whitespace is collapsed. Pure and thread-safe.
 */
final class StatementNormalizer {

    static final int MAX_LENGTH = 2_000;

    private StatementNormalizer() {
    }

    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH));
        int i = 0;
        int n = sql.length();
        boolean space = false;
        while (i < n && out.length() < MAX_LENGTH) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space = true;
            } else if (Character.isWhitespace(c)) {
                space = true;
                i++;
            } else {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                i = token(sql, i, out);
            }
        }
        return collapseInLists(out.toString());
    }

    private static int token(String sql, int i, StringBuilder out) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(out))) {
            int j = c == '\'' ? i + 1 : i + 2;
            while (j < n) {
                if (sql.charAt(j) == '\\' && c != '\'') {
                    j += 2;
                } else if (sql.charAt(j) == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
                    j += 2;
                } else if (sql.charAt(j) == '\'') {
                    break;
                } else {
                    j++;
                }
            }
            out.append('?');
            return Math.min(n, j + 1);
        }
        if (c == '$') {
            int j = i + 1;
            while (j < n && Character.isDigit(sql.charAt(j))) {
                j++;
            }
            if (j > i + 1) {
                out.append('?');
                return j;
            }
            int tagEnd = sql.indexOf('$', i + 1);
            if (tagEnd > 0 && sql.substring(i + 1, tagEnd).matches("[A-Za-z_]*")) {
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                out.append('?');
                return close < 0 ? n : close + tag.length();
            }
        }
        if (c == ':' && i + 1 < n) {
            if (sql.charAt(i + 1) == ':') {
                out.append("::");
                return i + 2;
            }
            if (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_') {
                // a Jdbi named parameter
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                out.append('?');
                return j;
            }
        }
        if (c == '"') {
            int close = sql.indexOf('"', i + 1);
            int end = close < 0 ? n : close + 1;
            out.append(sql, i, end);
            return end;
        }
        if (Character.isDigit(c) && !identifierBefore(out)) {
            int j = i;
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                j++;
            }
            out.append('?');
            return j;
        }
        if (Character.isLetter(c) || c == '_') {
            int j = i;
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                j++;
            }
            out.append(sql, i, j);
            return j;
        }
        out.append(c);
        return i + 1;
    }

    private static boolean identifierBefore(StringBuilder out) {
        if (out.isEmpty()) {
            return false;
        }
        char last = out.charAt(out.length() - 1);
        return Character.isLetterOrDigit(last) || last == '_';
    }

    private static String collapseInLists(String shape) {
        return shape.replaceAll("\\(\\s*\\?(\\s*,\\s*\\?)+\\s*\\)", "(?)");
    }
}
