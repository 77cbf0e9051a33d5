package dev.valhalla.migrate.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DriftDetector} found: how the live schema differs from the schema its applied revisions produce.
 *
 * @param applied revisions applied on the live database and replayed on the scratch database, in order
 * @param unknown revisions applied on the live database that have no file, so could not be replayed
 * @param diff    expected = the schema the revisions produce, actual = the live schema
 */
public record DriftReport(List<String> applied, List<String> unknown, SchemaDiff diff) {

    public DriftReport {
        applied = List.copyOf(applied);
        unknown = List.copyOf(unknown);
    }

    /** Whether the live schema is exactly what the revisions produce, and every applied revision has a file. */
    public boolean ok() {
        return diff.isEmpty() && unknown.isEmpty();
    }

    /** A readable report: the replayed revisions, the differences, the revisions without file. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("compared the live schema with " + applied.size() + " applied revisions replayed on a scratch database");
        if (!unknown.isEmpty()) {
            lines.add("applied but without a file (not replayed): " + String.join(", ", unknown));
        }
        if (diff.isEmpty()) {
            lines.add("no drift");
        } else {
            lines.add("drift (+ only in the live database, - only in the revisions, ~ defined differently):");
            diff.lines().forEach(line -> lines.add("  " + line));
        }
        return String.join("\n", lines);
    }
}
