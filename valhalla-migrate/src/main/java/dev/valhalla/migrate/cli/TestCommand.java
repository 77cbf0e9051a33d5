package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.schema.RevisionTestResult;
import dev.valhalla.migrate.schema.RevisionTester;
import dev.valhalla.migrate.schema.TestPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valhalla db test}: upgrade, downgrade and upgrade again on a scratch database, comparing schemas. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "On a scratch database: upgrade all, downgrade to base, upgrade again; compare the schemas.",
        footer = {"",
                "The scratch database is created beside the database of --url",
                "and dropped afterwards.",
                "Exit codes:",
                "  0  the schemas match",
                "  1  a schema differs or a revision failed",
                "  2  unreadable files or unreachable database",
                "Example:",
                "  valhalla db test --url jdbc:postgresql://localhost/app_ci --user ci"})
final class TestCommand extends DbSubcommand {

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        RevisionGraph graph = loadGraph();
        RevisionTestResult result;
        try (DatabaseTarget database = openDatabase()) {
            ProgressPrinter printer = new ProgressPrinter(out(), output.json());
            result = new RevisionTester(database.url(), database.properties(), options.settings(), printer).test(graph);
        }
        if (output.json()) {
            out().println(Json.write(json(result)));
        } else {
            out().println(result.text());
        }
        return result.ok() ? 0 : 1;
    }

    private static Map<String, Object> json(RevisionTestResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scratch_database", result.scratchDatabase());
        List<Map<String, Object>> phases = result.phases().stream().map(TestCommand::phase).toList();
        document.put("phases", phases);
        document.put("ok", result.ok());
        return document;
    }

    private static Map<String, Object> phase(TestPhase phase) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", phase.name());
        fields.put("revisions", phase.revisions());
        fields.put("duration_ms", phase.duration().toMillis());
        fields.put("objects", phase.objects());
        fields.put("compared_with", phase.compared());
        fields.put("differences", phase.diff().lines());
        fields.put("ok", phase.ok());
        return fields;
    }
}
