package dev.valhalla.migrate.alembic;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the right-hand side of an assignment: {@code None}, a string literal (with an optional {@code r}/{@code u}
 * prefix, adjacent literals concatenated), or a tuple or list of strings, parenthesized or bare, spanning
 * several lines inside brackets, with trailing commas and comments. Anything else is refused, never guessed.
 */
final class PythonLiteralParser {

    private final String source;
    private int position;

    PythonLiteralParser(String source, int start) {
        this.source = source;
        this.position = start;
    }

    /** Where parsing stopped: just after the value and any comment, at the end of the logical line. */
    int position() {
        return position;
    }

    /** Parses a whole right-hand side and checks that the logical line ends after it. */
    PythonValue parseAssignedValue(int line) {
        skipInline();
        PythonValue value;
        if (startsWord("None")) {
            position += 4;
            value = new PythonValue(PythonValue.Kind.NONE, List.of(), line);
        } else if (peek() == '(' || peek() == '[') {
            value = sequence(line);
        } else {
            String first = string(false);
            skipInline();
            if (peek() == ',') {
                value = new PythonValue(PythonValue.Kind.SEQUENCE, bareTuple(first), line);
            } else {
                value = new PythonValue(PythonValue.Kind.STRING, List.of(first), line);
            }
        }
        skipInline();
        if (peek() == '#') {
            while (position < source.length() && source.charAt(position) != '\n') {
                position++;
            }
        }
        if (position < source.length() && peek() != '\n' && peek() != ';') {
            throw new UnreadableValueException(position, "unexpected text after the value");
        }
        return value;
    }

    private List<String> bareTuple(String first) {
        List<String> items = new ArrayList<>(List.of(first));
        while (peek() == ',') {
            position++;
            skipInline();
            if (atLineEnd()) {
                break;
            }
            items.add(string(false));
            skipInline();
        }
        return items;
    }

    private PythonValue sequence(int line) {
        char close = peek() == '(' ? ')' : ']';
        boolean parenthesis = close == ')';
        position++;
        List<String> items = new ArrayList<>();
        boolean sawComma = false;
        while (true) {
            skipInsideBrackets();
            if (peek() == close) {
                position++;
                break;
            }
            items.add(string(true));
            skipInsideBrackets();
            if (peek() == ',') {
                position++;
                sawComma = true;
            } else if (peek() != close) {
                throw new UnreadableValueException(position, "expected ',' or '" + close + "' in a sequence");
            }
        }
        if (parenthesis && items.size() == 1 && !sawComma) {
            // ("abc") is a parenthesized string, not a tuple
            return new PythonValue(PythonValue.Kind.STRING, items, line);
        }
        return new PythonValue(PythonValue.Kind.SEQUENCE, items, line);
    }

    /** One string, plus any adjacent literals Python concatenates with it. */
    private String string(boolean insideBrackets) {
        StringBuilder value = new StringBuilder(literal());
        while (true) {
            int mark = position;
            if (insideBrackets) {
                skipInsideBrackets();
            } else {
                skipInline();
            }
            if (!atStringStart()) {
                position = mark;
                return value.toString();
            }
            value.append(literal());
        }
    }

    private String literal() {
        boolean raw = false;
        while (position < source.length() && "rRuU".indexOf(source.charAt(position)) >= 0) {
            raw |= Character.toLowerCase(source.charAt(position)) == 'r';
            position++;
        }
        if (peek() != '\'' && peek() != '"') {
            throw new UnreadableValueException(position, "expected a string literal, None, a tuple or a list");
        }
        char quote = peek();
        boolean triple = source.startsWith(String.valueOf(quote).repeat(3), position);
        position += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= source.length() || (!triple && peek() == '\n')) {
                throw new UnreadableValueException(position, "unterminated string literal");
            }
            char next = source.charAt(position);
            if (next == quote && (!triple || source.startsWith(String.valueOf(quote).repeat(3), position))) {
                position += triple ? 3 : 1;
                return value.toString();
            }
            if (next == '\\' && position + 1 < source.length()) {
                value.append(raw ? "\\" + source.charAt(position + 1) : unescape(source.charAt(position + 1)));
                position += 2;
                continue;
            }
            value.append(next);
            position++;
        }
    }

    private static String unescape(char escaped) {
        return switch (escaped) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case '\\', '\'', '"' -> String.valueOf(escaped);
            case '\n' -> "";
            default -> "\\" + escaped;
        };
    }

    private boolean atStringStart() {
        int look = position;
        while (look < source.length() && "rRuU".indexOf(source.charAt(look)) >= 0 && look - position < 2) {
            look++;
        }
        return look < source.length() && (source.charAt(look) == '\'' || source.charAt(look) == '"');
    }

    private boolean startsWord(String word) {
        int end = position + word.length();
        return source.startsWith(word, position)
                && (end >= source.length() || !Character.isJavaIdentifierPart(source.charAt(end)));
    }

    /** Spaces, tabs and backslash line continuations: what may separate tokens outside brackets. */
    private void skipInline() {
        while (position < source.length()) {
            char next = source.charAt(position);
            if (next == ' ' || next == '\t' || next == '\f') {
                position++;
            } else if (next == '\\' && source.startsWith("\n", position + 1)) {
                position += 2;
            } else if (next == '\\' && source.startsWith("\r\n", position + 1)) {
                position += 3;
            } else if (next == '\r') {
                position++;
            } else {
                return;
            }
        }
    }

    /** Inside brackets newlines and comments separate tokens too. */
    private void skipInsideBrackets() {
        while (position < source.length()) {
            char next = source.charAt(position);
            if (Character.isWhitespace(next)) {
                position++;
            } else if (next == '#') {
                while (position < source.length() && source.charAt(position) != '\n') {
                    position++;
                }
            } else if (next == '\\' && position + 1 < source.length()
                    && Character.isWhitespace(source.charAt(position + 1))) {
                position++;
            } else {
                return;
            }
        }
    }

    private boolean atLineEnd() {
        return position >= source.length() || peek() == '\n' || peek() == '#' || peek() == ';';
    }

    private char peek() {
        return position < source.length() ? source.charAt(position) : '\0';
    }
}
