package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.schema.DriftDetector;
import dev.valhalla.migrate.schema.DriftReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code valhalla db drift}: the live schema against the schema its applied revisions produce. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare the live schema with the schema its applied revisions produce on a scratch database.",
        footer = {"",
                "Reads the live database only; the scratch database is dropped afterwards.",
                "Diff: + only in the live database, - only in the revisions, ~ differs.",
                "Exit codes:",
                "  0  no drift",
                "  1  drift, or applied revisions without a file",
                "  2  unreadable files or unreachable database",
                "Example:",
                "  valhalla db drift --url jdbc:postgresql://db.internal/app --format json"})
final class DriftCommand extends DbSubcommand {

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        RevisionGraph graph = loadGraph();
        DriftReport report;
        try (DatabaseTarget database = openDatabase()) {
            report = new DriftDetector(database.url(), database.properties(), options.settings()).detect(graph);
        }
        if (output.json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("applied", report.applied());
            document.put("unknown", report.unknown());
            document.put("differences", report.diff().lines());
            document.put("ok", report.ok());
            out().println(Json.write(document));
        } else {
            out().println(report.text());
        }
        return report.ok() ? 0 : 1;
    }
}
