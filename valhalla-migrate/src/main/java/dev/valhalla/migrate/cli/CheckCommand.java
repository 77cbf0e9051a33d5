package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.MigrationStatus;
import dev.valhalla.migrate.graph.GraphAnalyzer;
import dev.valhalla.migrate.graph.GraphFormats;
import dev.valhalla.migrate.graph.GraphNode;
import dev.valhalla.migrate.graph.GraphReport;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.lint.LintFinding;
import dev.valhalla.migrate.lint.Linter;
import dev.valhalla.migrate.revision.Revision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valhalla db check}: the CI gate — graph report, lint, and checksums of applied revisions. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Graph report + lint + checksums of applied revisions; the exit code is the CI verdict.",
        footer = {"",
                "Connects to the database unless --offline is given.",
                "Exit codes:",
                "  0  no problem",
                "  1  a cycle, missing parent, duplicate id, ERROR lint finding,",
                "     or an applied revision whose file was edited",
                "  2  unreadable files or unreachable database",
                "Example:",
                "  valhalla db check --offline"})
final class CheckCommand extends DbSubcommand {

    @Option(names = "--offline", description = "Do not connect: check only the files (graph and lint).")
    boolean offline;

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        List<Revision> revisions = loadRevisions();
        GraphReport report = GraphAnalyzer.analyze(revisions.stream()
                .map(revision -> GraphNode.of(revision.id(), revision.parents(), String.valueOf(revision.file())))
                .toList());
        List<LintFinding> findings = Linter.lint(revisions);
        MigrationStatus status = offline || !report.ok() ? null
                : withMigrator(RevisionGraph.of(revisions), MigrationListener.NONE,
                        (migrator, database) -> migrator.status());
        boolean ok = report.ok() && !LintCommand.hasErrors(findings) && (status == null || status.edited().isEmpty());
        if (output.json()) {
            out().println(Json.write(json(report, findings, status, ok)));
        } else {
            printText(report, findings, status, ok);
        }
        return ok ? 0 : 1;
    }

    private void printText(GraphReport report, List<LintFinding> findings, MigrationStatus status, boolean ok) {
        out().println((report.ok() ? "✓" : "✗") + " graph");
        out().print(GraphFormats.reportText(report));
        LintCommand.printText(findings, out());
        if (status == null) {
            out().println(offline ? "- database: not checked (--offline)" : "- database: not checked (graph broken)");
        } else {
            status.edited().forEach(id -> out().println("✗ " + id + ": applied, but its file was edited since"));
            status.unknown().forEach(id -> out().println("! " + id + ": applied, but no file declares it"));
            out().println((status.edited().isEmpty() ? "✓" : "✗") + " database: " + status.applied().size()
                    + " applied, " + status.edited().size() + " edited, " + status.unknown().size() + " unknown, "
                    + status.pending().size() + " pending");
        }
        out().println(ok ? "✓ check passed" : "✗ check failed");
    }

    private static Map<String, Object> json(
            GraphReport report, List<LintFinding> findings, MigrationStatus status, boolean ok) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("graph", Json.parse(GraphFormats.reportJson(report)));
        document.put("lint", findings.stream().map(LintCommand::json).toList());
        if (status == null) {
            document.put("database", null);
        } else {
            Map<String, Object> database = new LinkedHashMap<>();
            database.put("applied", status.applied().size());
            database.put("pending", status.pending());
            database.put("edited", status.edited());
            database.put("unknown", status.unknown());
            document.put("database", database);
        }
        document.put("ok", ok);
        return document;
    }
}
