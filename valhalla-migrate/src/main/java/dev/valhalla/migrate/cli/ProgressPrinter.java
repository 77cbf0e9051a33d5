package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.Direction;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.RevisionRun;
import dev.valhalla.migrate.apply.RunResult;
import dev.valhalla.migrate.revision.Revision;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a line per revision as it completes (text output), so a long run shows its progress and a failed one
 * shows what was done before the failure; and the summary or JSON document of the run.
 */
final class ProgressPrinter implements MigrationListener {

    private final PrintWriter out;
    private final boolean quiet;

    /** {@code quiet} for JSON output, where only the final document is printed. */
    ProgressPrinter(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void revisionCompleted(Revision revision, Direction direction, Duration duration) {
        if (quiet) {
            return;
        }
        String arrow = direction == Direction.UPGRADE ? "↑" : "↓";
        out.printf("  ✓ %s %s  %s  (%d ms)%n", arrow, revision.id(), revision.message(), duration.toMillis());
        out.flush();
    }

    /** The closing line or the JSON document of a run. */
    void printResult(RunResult result, String verb) {
        if (quiet) {
            out.println(Json.write(json(result)));
            return;
        }
        if (result.nothingToDo()) {
            out.println("Nothing to do: the database is already there");
        } else if (result.stamped()) {
            out.println("Stamped: history records " + result.applied().size() + " more and "
                    + result.unapplied().size() + " fewer revisions; no SQL was run");
        } else {
            int count = result.revisions().size();
            out.printf("%s %d revision%s in %d ms%n", verb, count, count == 1 ? "" : "s",
                    result.totalDuration().toMillis());
        }
    }

    private static Map<String, Object> json(RunResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("stamped", result.stamped());
        document.put("revisions", result.revisions().stream().map(ProgressPrinter::run).toList());
        document.put("total_ms", result.totalDuration().toMillis());
        return document;
    }

    private static Map<String, Object> run(RevisionRun run) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", run.id());
        fields.put("direction", run.direction() == Direction.UPGRADE ? "upgrade" : "downgrade");
        fields.put("duration_ms", run.duration().toMillis());
        return fields;
    }
}
