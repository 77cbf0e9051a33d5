package dev.valhalla.server.flags;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, strictly parsed (no {@code v} prefix, no leading zeros), ordered
 * by SemVer precedence: build metadata is ignored, a pre-release sorts before its release.
 */
record SemanticVersion(long major, long minor, long patch, List<String> preRelease)
        implements Comparable<SemanticVersion> {

    private static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SYNTAX = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
                    + "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?");

    /** The version, or null when the text is not a valid semantic version. */
    static SemanticVersion parse(String text) {
        if (text == null || text.length() > 256) {
            return null;
        }
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            List<String> pre = matcher.group(4) == null ? List.of() : List.of(matcher.group(4).split("\\."));
            return new SemanticVersion(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    Long.parseLong(matcher.group(3)), pre);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int core = Long.compare(major, other.major);
        if (core == 0) {
            core = Long.compare(minor, other.minor);
        }
        if (core == 0) {
            core = Long.compare(patch, other.patch);
        }
        if (core != 0) {
            return core;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int order = compareIdentifier(preRelease.get(i), other.preRelease.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifier(String left, String right) {
        boolean leftNumeric = isNumeric(left);
        boolean rightNumeric = isNumeric(right);
        if (leftNumeric && rightNumeric) {
            // no leading zeros, so the longer number is the larger one
            return left.length() != right.length() ? Integer.compare(left.length(), right.length()) : left.compareTo(right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }

    private static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            if (identifier.charAt(i) < '0' || identifier.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
