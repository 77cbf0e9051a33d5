package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.RevisionParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes revision text to a file and reads it back with the real parser. */
final class LintRevisions {

    private LintRevisions() {
    }

    /** A revision file with the given extra header lines, upgrade section and downgrade section (null: none). */
    static String text(String header, String upgrade, String downgrade) {
        StringBuilder text = new StringBuilder("-- id: lint_case\n-- message: lint case\n");
        if (!header.isEmpty()) {
            text.append(header.strip()).append('\n');
        }
        text.append("\n-- upgrade\n").append(upgrade.strip()).append('\n');
        if (downgrade != null) {
            text.append("\n-- downgrade\n").append(downgrade.strip()).append('\n');
        }
        return text.toString();
    }

    static Revision parse(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name + ".sql");
        Files.writeString(file, text);
        return RevisionParser.parse(file);
    }

    static List<LintFinding> lint(Path dir, String text) throws IOException {
        return Linter.lint(List.of(parse(dir, "lint_case", text)));
    }

    /** 1-based number of the first line containing {@code marker}. */
    static int lineOf(String text, String marker) {
        List<String> lines = text.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(marker)) {
                return index + 1;
            }
        }
        throw new IllegalArgumentException("no line contains " + marker);
    }

    /** The text with {@code -- lint:ignore rule} inserted before the first line containing {@code marker}. */
    static String ignoredBefore(String text, String marker, String rule) {
        int line = lineOf(text, marker);
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.add(line - 1, "-- lint:ignore " + rule);
        return String.join("\n", lines) + "\n";
    }
}
