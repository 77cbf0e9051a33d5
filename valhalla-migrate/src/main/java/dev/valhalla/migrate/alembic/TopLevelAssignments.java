package dev.valhalla.migrate.alembic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the module-level (column 0) assignments of a few names in Python source, without running it.
 *
 * <p>The scan tracks strings (including triple-quoted docstrings), comments, brackets and backslash
 * continuations, so text inside a docstring or a function body is never mistaken for an assignment. Both
 * {@code name = value} and {@code name: Annotation = value} are read; as in Python, the last assignment wins.
 */
final class TopLevelAssignments {

    /** A value that could not be read, with its 1-based line. */
    record Failure(String name, int line, String problem) {
    }

    private final String source;
    private final Set<String> names;
    private final int[] lineStarts;
    private final Map<String, PythonValue> values = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    private TopLevelAssignments(String source, Set<String> names) {
        this.source = source;
        this.names = names;
        this.lineStarts = lineStarts(source);
    }

    /** Scans {@code source} for module-level assignments of {@code names}. */
    static TopLevelAssignments scan(String source, Set<String> names) {
        TopLevelAssignments scan = new TopLevelAssignments(source, names);
        scan.run();
        return scan;
    }

    /** The last readable value assigned to each name found. */
    Map<String, PythonValue> values() {
        return values;
    }

    /** Assignments of the wanted names whose value is not a supported literal. */
    List<Failure> failures() {
        return failures;
    }

    private void run() {
        int position = 0;
        int depth = 0;
        boolean lineStart = true;
        while (position < source.length()) {
            char next = source.charAt(position);
            if (lineStart && depth == 0 && Character.isJavaIdentifierStart(next)) {
                lineStart = false;
                position = statementAt(position);
                continue;
            }
            lineStart = false;
            switch (next) {
                case '#' -> position = lineEnd(position);
                case '\'', '"' -> position = stringEnd(position);
                case '(', '[', '{' -> {
                    depth++;
                    position++;
                }
                case ')', ']', '}' -> {
                    depth = Math.max(0, depth - 1);
                    position++;
                }
                case '\\' -> position += 2;
                case '\n' -> {
                    lineStart = depth == 0;
                    position++;
                }
                default -> position++;
            }
        }
    }

    /** Reads the statement starting at column 0; returns where scanning continues. */
    private int statementAt(int start) {
        int end = start;
        while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
            end++;
        }
        String name = source.substring(start, end);
        if (!names.contains(name)) {
            return end;
        }
        int valueStart = valueStart(end);
        if (valueStart < 0) {
            return end;
        }
        PythonLiteralParser parser = new PythonLiteralParser(source, valueStart);
        try {
            values.put(name, parser.parseAssignedValue(lineOf(start)));
            return parser.position();
        } catch (UnreadableValueException e) {
            values.remove(name);
            failures.add(new Failure(name, lineOf(e.offset()), e.getMessage()));
            return end;
        }
    }

    /** After {@code name}: skips an optional annotation and the '='; -1 when this is not an assignment. */
    private int valueStart(int afterName) {
        int position = skipSpaces(afterName);
        if (position < source.length() && source.charAt(position) == ':') {
            int depth = 0;
            position++;
            while (position < source.length()) {
                char next = source.charAt(position);
                if (next == '=' && depth == 0) {
                    break;
                } else if (next == '\n' && depth == 0) {
                    return -1;
                } else if (next == '\'' || next == '"') {
                    position = stringEnd(position);
                    continue;
                } else if ("([{".indexOf(next) >= 0) {
                    depth++;
                } else if (")]}".indexOf(next) >= 0) {
                    depth--;
                }
                position++;
            }
        }
        boolean assignment = position < source.length() && source.charAt(position) == '='
                && !source.startsWith("==", position);
        return assignment ? position + 1 : -1;
    }

    private int skipSpaces(int position) {
        while (position < source.length() && (source.charAt(position) == ' ' || source.charAt(position) == '\t')) {
            position++;
        }
        return position;
    }

    private int lineEnd(int position) {
        int end = source.indexOf('\n', position);
        return end < 0 ? source.length() : end;
    }

    /** The position just after the string literal (single or triple quoted) starting at {@code position}. */
    private int stringEnd(int position) {
        char quote = source.charAt(position);
        String triple = String.valueOf(quote).repeat(3);
        boolean isTriple = source.startsWith(triple, position);
        int cursor = position + (isTriple ? 3 : 1);
        while (cursor < source.length()) {
            char next = source.charAt(cursor);
            if (next == '\\') {
                cursor += 2;
            } else if (isTriple ? source.startsWith(triple, cursor) : next == quote) {
                return cursor + (isTriple ? 3 : 1);
            } else if (!isTriple && next == '\n') {
                return cursor;
            } else {
                cursor++;
            }
        }
        return source.length();
    }

    private int lineOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static int[] lineStarts(String source) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int position = 0; position < source.length(); position++) {
            if (source.charAt(position) == '\n') {
                starts.add(position + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
