package dev.valhalla.migrate.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RevisionTester} found: upgrade, downgrade to base and upgrade again, with the schema compared after
 * each step.
 *
 * @param scratchDatabase the throw-away database the revisions ran on (dropped by now)
 * @param phases          the phases in the order they ran
 */
public record RevisionTestResult(String scratchDatabase, List<TestPhase> phases) {

    public RevisionTestResult {
        phases = List.copyOf(phases);
    }

    /** Whether the downgrade restored the empty schema and the second upgrade rebuilt the first one exactly. */
    public boolean ok() {
        return phases.stream().allMatch(TestPhase::ok);
    }

    /** A readable report: one line per phase with its timing, the differences under a failed phase. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("scratch database " + scratchDatabase);
        for (TestPhase phase : phases) {
            String outcome = phase.compared().isEmpty()
                    ? ""
                    : phase.ok() ? ", schema equals " + phase.compared() : ", schema differs from " + phase.compared();
            lines.add(String.format("%-4s %-10s %6d ms  %d revisions, %d objects%s",
                    phase.ok() ? "ok" : "FAIL", phase.name(), phase.duration().toMillis(), phase.revisions().size(),
                    phase.objects(), outcome));
            phase.diff().lines().forEach(line -> lines.add("       " + line));
        }
        lines.add(ok() ? "revisions upgrade, downgrade and upgrade again cleanly" : "revision test failed");
        return String.join("\n", lines);
    }
}
