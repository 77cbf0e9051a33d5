package dev.valhalla.migrate.revision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a section of SQL into statements on top-level semicolons, the way {@code psql} does.
 *
 * <p>A semicolon does not end a statement when it stands inside a {@code --} or nested {@code /* *}{@code /}
 * comment, a {@code '...'} string ({@code ''} escapes), an {@code E'...'} string (backslash escapes), a
 * {@code "..."} identifier, a {@code $$...$$} or {@code $tag$...$tag$} dollar-quoted string, parentheses, or
 * the {@code BEGIN ATOMIC ... END} body of a SQL-standard {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}
 * (PostgreSQL 14+). The body is recognised with psql's own heuristic: inside such a statement, outside
 * parentheses, {@code BEGIN} opens a block, {@code CASE} opens one when already inside a block, {@code END}
 * closes one. Strings follow {@code standard_conforming_strings = on}, the default since PostgreSQL 9.1.
 *
 * <p>Empty statements ({@code ;;}) and comment-only text are skipped. Each statement carries the rule ids of
 * {@code -- lint:ignore RULE1,RULE2} (or space separated) line comments written after the previous statement
 * ended and before this one ends.
 *
 * <p>Instances are private to one call; the static entry point is thread-safe.
 */
public final class SqlSplitter {

    private static final String LINT_IGNORE = "lint:ignore";

    private final String text;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final Set<String> pendingIgnores = new LinkedHashSet<>();
    private final List<String> leadingWords = new ArrayList<>();
    private int position;
    private int line;
    private int statementStart = -1;
    private int statementLine;
    private int lastTokenEnd;
    private int parenDepth;
    private int beginDepth;

    private SqlSplitter(String text, int firstLine) {
        this.text = text;
        this.line = firstLine;
    }

    /**
     * Splits {@code text} into statements.
     *
     * @param text      the SQL text of one section
     * @param firstLine the file line on which {@code text} begins (1-based), used for statement lines and errors
     * @return the statements in order, each without its terminating semicolon
     * @throws SqlSyntaxException when a quoted string, identifier, dollar quote or block comment is not closed
     */
    public static List<SqlStatement> split(String text, int firstLine) {
        SqlSplitter splitter = new SqlSplitter(text, firstLine);
        splitter.scan();
        return List.copyOf(splitter.statements);
    }

    private void scan() {
        while (position < text.length()) {
            char current = text.charAt(position);
            char next = charAt(position + 1);
            if (current == '\n') {
                line++;
                position++;
            } else if (isSpace(current)) {
                position++;
            } else if (current == '-' && next == '-') {
                lineComment();
            } else if (current == '/' && next == '*') {
                blockComment();
            } else if (current == ';') {
                semicolon();
            } else {
                markStatementStart();
                token(current);
                lastTokenEnd = position;
            }
        }
        if (statementStart >= 0) {
            // No closing semicolon: the statement ends at its last token, so a comment-only tail is not part of it.
            emit(lastTokenEnd);
        }
    }

    private void token(char current) {
        if (current == '\'') {
            quoted('\'', false, "unterminated quoted string");
        } else if (current == '"') {
            quoted('"', false, "unterminated quoted identifier");
        } else if (current == '$') {
            dollar();
        } else if (isIdentifierStart(current)) {
            word();
        } else if (isDigit(current)) {
            while (position < text.length() && isIdentifierPart(text.charAt(position)) && text.charAt(position) != '$') {
                position++;
            }
        } else {
            if (current == '(') {
                parenDepth++;
            } else if (current == ')' && parenDepth > 0) {
                parenDepth--;
            }
            position++;
        }
    }

    private void semicolon() {
        if (statementStart < 0) {
            position++; // an empty statement; ignores collected so far wait for the next real statement
        } else if (parenDepth > 0 || beginDepth > 0) {
            position++;
            lastTokenEnd = position;
        } else {
            emit(position);
            position++;
        }
    }

    private void markStatementStart() {
        if (statementStart < 0) {
            statementStart = position;
            statementLine = line;
        }
    }

    private void emit(int end) {
        String sql = text.substring(statementStart, end).strip();
        statements.add(new SqlStatement(sql, statementLine, pendingIgnores));
        pendingIgnores.clear();
        leadingWords.clear();
        statementStart = -1;
        parenDepth = 0;
        beginDepth = 0;
    }

    private void lineComment() {
        int end = text.indexOf('\n', position);
        if (end < 0) {
            end = text.length();
        }
        collectIgnores(text.substring(position + 2, end));
        position = end;
    }

    private void collectIgnores(String comment) {
        String body = comment.strip();
        if (!body.regionMatches(true, 0, LINT_IGNORE, 0, LINT_IGNORE.length())) {
            return;
        }
        String rules = body.substring(LINT_IGNORE.length());
        if (!rules.isEmpty() && !isSpace(rules.charAt(0)) && rules.charAt(0) != ':') {
            return; // e.g. "lint:ignored", not a directive
        }
        pendingIgnores.addAll(LintIgnores.parse(rules));
    }

    private void blockComment() {
        int startLine = line;
        int depth = 0;
        while (position < text.length()) {
            char current = text.charAt(position);
            char next = charAt(position + 1);
            if (current == '/' && next == '*') {
                depth++; // PostgreSQL nests block comments, unlike the SQL standard
                position += 2;
            } else if (current == '*' && next == '/') {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (current == '\n') {
                    line++;
                }
                position++;
            }
        }
        throw new SqlSyntaxException("unterminated block comment", startLine);
    }

    private void quoted(char quote, boolean backslashEscapes, String problem) {
        int startLine = line;
        position++;
        while (position < text.length()) {
            char current = text.charAt(position);
            if (current == '\n') {
                line++;
            }
            if (backslashEscapes && current == '\\' && position + 1 < text.length()) {
                if (text.charAt(position + 1) == '\n') {
                    line++;
                }
                position += 2;
            } else if (current == quote && charAt(position + 1) == quote) {
                position += 2;
            } else if (current == quote) {
                position++;
                return;
            } else {
                position++;
            }
        }
        throw new SqlSyntaxException(problem, startLine);
    }

    private void dollar() {
        int tagEnd = position + 1;
        if (tagEnd < text.length() && isIdentifierStart(text.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < text.length() && isIdentifierPart(text.charAt(tagEnd)) && text.charAt(tagEnd) != '$') {
                tagEnd++;
            }
        }
        if (charAt(tagEnd) != '$') {
            position++; // "$1" is a positional parameter, a lone "$" an operator character
            return;
        }
        String tag = text.substring(position, tagEnd + 1);
        int close = text.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw new SqlSyntaxException("unterminated dollar-quoted string " + tag, line);
        }
        line += countNewlines(tagEnd + 1, close);
        position = close + tag.length();
    }

    private void word() {
        int start = position;
        while (position < text.length() && isIdentifierPart(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        if (word.equalsIgnoreCase("e") && charAt(position) == '\'') {
            quoted('\'', true, "unterminated quoted string");
            return;
        }
        trackRoutineBody(word.toLowerCase(Locale.ROOT));
    }

    private void trackRoutineBody(String word) {
        if (leadingWords.size() < 4) {
            leadingWords.add(word);
        }
        if (parenDepth > 0 || !definesRoutine()) {
            return;
        }
        switch (word) {
            case "begin" -> beginDepth++;
            case "case" -> beginDepth += beginDepth > 0 ? 1 : 0;
            case "end" -> beginDepth -= beginDepth > 0 ? 1 : 0;
            default -> { }
        }
    }

    private boolean definesRoutine() {
        if (leadingWords.size() < 2 || !leadingWords.get(0).equals("create")) {
            return false;
        }
        if (isRoutineKind(leadingWords.get(1))) {
            return true;
        }
        return leadingWords.size() >= 4 && leadingWords.get(1).equals("or")
                && leadingWords.get(2).equals("replace") && isRoutineKind(leadingWords.get(3));
    }

    private static boolean isRoutineKind(String word) {
        return word.equals("function") || word.equals("procedure");
    }

    private int countNewlines(int from, int to) {
        int count = 0;
        for (int index = from; index < to; index++) {
            if (text.charAt(index) == '\n') {
                count++;
            }
        }
        return count;
    }

    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    // PostgreSQL's scanner: space, tab, newline, carriage return, form feed, vertical tab.
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    // PostgreSQL's ident_start: [A-Za-z\200-\377_]; every non-ASCII character counts as a letter.
    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    // PostgreSQL's ident_cont adds digits and "$", so "a$b$" is one identifier, not a dollar quote.
    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
