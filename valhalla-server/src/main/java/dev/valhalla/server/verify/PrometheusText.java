package dev.valhalla.server.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Prometheus text exposition format (0.0.4): every line that is not blank and not a
 * {@code #} comment must be {@code name[{label="value",...}] value [timestamp]}. Collects every
 * malformed line, not just the first.
 */
final class PrometheusText {

    /**
     * The outcome.
     *
     * @param samples  well-formed sample lines
     * @param problems malformed lines, each with its line number
     */
    record Result(int samples, List<String> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    private PrometheusText() {
    }

    static Result parse(String text) {
        int samples = 0;
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = sampleProblem(line);
            if (problem == null) {
                samples++;
            } else {
                problems.add("line " + (i + 1) + ": " + problem + ": " + abbreviate(line));
            }
        }
        return new Result(samples, problems);
    }

    /** Null when {@code line} is a well-formed sample, else what is wrong. */
    static String sampleProblem(String line) {
        int i = 0;
        if (i >= line.length() || !nameStart(line.charAt(i))) {
            return "metric name expected";
        }
        while (i < line.length() && namePart(line.charAt(i))) {
            i++;
        }
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1);
            if (i < 0) {
                return "malformed labels";
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2 || i == line.length()
                || !Character.isWhitespace(line.charAt(i))) {
            return "expected a value (and optional timestamp) after the name";
        }
        if (!isValue(rest[0])) {
            return "value is not a number";
        }
        if (rest.length == 2 && !rest[1].matches("-?\\d+")) {
            return "timestamp is not an integer";
        }
        return null;
    }

    /** Parses {@code name="value",...}} from {@code i}; returns the index after '}' or -1. */
    private static int labels(String line, int i) {
        while (true) {
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            if (i >= line.length() || !labelStart(line.charAt(i))) {
                return -1;
            }
            while (i < line.length() && labelPart(line.charAt(i))) {
                i++;
            }
            if (i + 1 >= line.length() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                return -1;
            }
            i += 2;
            while (i < line.length() && line.charAt(i) != '"') {
                if (line.charAt(i) == '\\') {
                    if (i + 1 >= line.length() || "\\\"n".indexOf(line.charAt(i + 1)) < 0) {
                        return -1;
                    }
                    i++;
                }
                i++;
            }
            if (i >= line.length()) {
                return -1;
            }
            i++;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static boolean isValue(String text) {
        if (text.equals("+Inf") || text.equals("-Inf") || text.equals("Inf") || text.equals("NaN")) {
            return true;
        }
        try {
            Double.parseDouble(text);
            return !text.endsWith("d") && !text.endsWith("D") && !text.endsWith("f") && !text.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean nameStart(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean labelStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean labelPart(char c) {
        return labelStart(c) || (c >= '0' && c <= '9');
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
