package dev.valhalla.server.flags;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code REGEX} operator's dialect: the RE2-style syntax of the Unleash engines (Rust's
 * {@code regex} crate), run on {@link java.util.regex}. Constructs that dialect rejects (look-around,
 * back-references, atomic groups, possessive quantifiers) are rejected here too, so they never match;
 * POSIX classes ({@code [[:alpha:]]}) are ASCII as there; {@code .} excludes only {@code \n}; and
 * {@code $} outside multi-line mode matches only at the very end. Matching is a search (unanchored)
 * with a step budget, so a pathological pattern cannot stall an evaluation: it counts as no match.
 */
final class RegexDialect {

    private static final int STEP_BUDGET = 1_000_000;
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "0-9A-Za-z"), Map.entry("alpha", "A-Za-z"), Map.entry("ascii", "\\x00-\\x7F"),
            Map.entry("blank", "\\t "), Map.entry("cntrl", "\\x00-\\x1F\\x7F"), Map.entry("digit", "0-9"),
            Map.entry("graph", "!-~"), Map.entry("lower", "a-z"), Map.entry("print", " -~"),
            Map.entry("punct", "!-/:-@\\[-`{-~"), Map.entry("space", "\\t\\n\\x0B\\f\\r "),
            Map.entry("upper", "A-Z"), Map.entry("word", "0-9A-Za-z_"), Map.entry("xdigit", "0-9A-Fa-f"));

    private RegexDialect() {
    }

    /** The compiled pattern, or null when the expression is invalid or uses an unsupported construct. */
    static Pattern compile(String expression, boolean caseInsensitive) {
        if (expression == null) {
            return null;
        }
        String translated = translate(expression);
        if (translated == null) {
            return null;
        }
        int flags = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
        if (caseInsensitive) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        try {
            return Pattern.compile(translated, flags);
        } catch (PatternSyntaxException invalid) {
            return null;
        }
    }

    /** Whether the pattern occurs in the value; a search that exceeds the step budget is no match. */
    static boolean find(Pattern pattern, String value) {
        try {
            return pattern.matcher(new BudgetedText(value, STEP_BUDGET)).find();
        } catch (BudgetExceeded stalled) {
            return false;
        }
    }

    static String translate(String expression) {
        boolean multiLine = expression.matches("(?s).*\\(\\?[a-zA-Z]*m[a-zA-Z-]*[):].*");
        StringBuilder out = new StringBuilder(expression.length() + 16);
        boolean afterQuantifier = false;
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\\') {
                if (i + 1 >= expression.length()) {
                    return null;
                }
                char next = expression.charAt(i + 1);
                if ((next >= '1' && next <= '9') || next == 'k') {
                    return null; // back-reference
                }
                out.append(c).append(next);
                i += 2;
                afterQuantifier = false;
            } else if (c == '[') {
                i = copyClass(expression, i, out);
                if (i < 0) {
                    return null;
                }
                afterQuantifier = false;
            } else if (c == '(') {
                if (expression.startsWith("(?P<", i)) {
                    out.append("(?<");
                    i += 4;
                } else {
                    if (expression.startsWith("(?", i) && !plainGroup(expression, i + 2)) {
                        return null;
                    }
                    out.append(c);
                    i++;
                }
                afterQuantifier = false;
            } else if (c == '*' || c == '+' || c == '?' || c == '}') {
                if (afterQuantifier && c == '+') {
                    return null; // possessive quantifier
                }
                out.append(c);
                i++;
                afterQuantifier = c != '?' || !afterQuantifier;
            } else if (c == '$' && !multiLine) {
                out.append("\\z");
                i++;
                afterQuantifier = false;
            } else {
                out.append(c);
                i++;
                afterQuantifier = false;
            }
        }
        return out.toString();
    }

    /** After {@code (?}: only non-capturing, flag ({@code (?i)}, {@code (?i:…)}) and named groups. */
    private static boolean plainGroup(String expression, int from) {
        if (expression.startsWith("<", from)) {
            return from + 1 < expression.length() && Character.isLetter(expression.charAt(from + 1));
        }
        if (expression.startsWith(":", from)) {
            return true;
        }
        int i = from;
        while (i < expression.length() && "imsx-".indexOf(expression.charAt(i)) >= 0) {
            i++;
        }
        return i > from && i < expression.length() && (expression.charAt(i) == ')' || expression.charAt(i) == ':');
    }

    /** Copies the class opening at {@code start}; returns the index after it, or -1 when unsupported. */
    private static int copyClass(String expression, int start, StringBuilder out) {
        int i = start + 1;
        out.append('[');
        if (i < expression.length() && expression.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        if (i < expression.length() && expression.charAt(i) == ']') {
            out.append("\\]"); // a leading ']' is a literal in the dialect
            i++;
        }
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\\') {
                if (i + 1 >= expression.length()) {
                    return -1;
                }
                out.append(c).append(expression.charAt(i + 1));
                i += 2;
            } else if (expression.startsWith("[:", i)) {
                int end = expression.indexOf(":]", i + 2);
                if (end < 0) {
                    return -1;
                }
                String name = expression.substring(i + 2, end);
                boolean negated = name.startsWith("^");
                String members = POSIX_CLASSES.get(negated ? name.substring(1) : name);
                if (members == null) {
                    return -1;
                }
                out.append(negated ? "[^" : "[").append(members).append(']');
                i = end + 2;
            } else if (c == '[') {
                i = copyClass(expression, i, out);
                if (i < 0) {
                    return -1;
                }
            } else if (c == ']') {
                out.append(']');
                return i + 1;
            } else if ((c == '-' || c == '~') && expression.startsWith(c == '-' ? "--" : "~~", i)) {
                return -1; // set difference and symmetric difference have no equivalent
            } else {
                out.append(c);
                i++;
            }
        }
        return -1;
    }

    private static final class BudgetExceeded extends RuntimeException {

        BudgetExceeded() {
            super("regular expression step budget exceeded", null, false, false);
        }
    }

    /** Text that stops a match after a fixed number of character reads. */
    private static final class BudgetedText implements CharSequence {

        private final String text;
        private int remaining;

        BudgetedText(String text, int budget) {
            this.text = text;
            this.remaining = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
