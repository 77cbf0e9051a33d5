package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.HistoryEntry;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valhalla db history}: the applied revisions, or with {@code --offline} the files' apply order. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List applied revisions (id, applied at, by, duration); --offline lists the files' apply order.",
        footer = {"",
                "Connects to the database unless --offline is given.",
                "Exit codes:",
                "  0  fine",
                "  1  broken graph or history not readable",
                "  2  unreadable files or unreachable database",
                "Example:",
                "  valhalla db history --format json"})
final class HistoryCommand extends DbSubcommand {

    @Option(names = "--offline", description = "Do not connect: list the revision files in topological order.")
    boolean offline;

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        RevisionGraph graph = loadGraph();
        if (offline) {
            printOrder(graph.topologicalOrder());
            return 0;
        }
        List<HistoryEntry> applied = withMigrator(graph, MigrationListener.NONE,
                (migrator, database) -> migrator.status().applied());
        if (output.json()) {
            out().println(Json.write(Map.of("applied", applied.stream().map(HistoryCommand::entry).toList())));
            return 0;
        }
        TextTable table = new TextTable("REVISION", "APPLIED AT", "BY", "DURATION");
        applied.forEach(entry -> table.row(entry.id(), entry.appliedAt(), entry.appliedBy(),
                entry.durationMillis() + " ms"));
        if (!table.isEmpty()) {
            table.print(out());
        }
        out().println(applied.size() + " applied revision" + (applied.size() == 1 ? "" : "s"));
        return 0;
    }

    private void printOrder(List<Revision> order) {
        if (output.json()) {
            out().println(Json.write(Map.of("order", order.stream().map(HeadsCommand::describe).toList())));
            return;
        }
        TextTable table = new TextTable("#", "REVISION", "PARENTS", "MESSAGE");
        for (int i = 0; i < order.size(); i++) {
            Revision revision = order.get(i);
            table.row(i + 1, revision.id(), String.join(", ", revision.parents()), revision.message());
        }
        if (!table.isEmpty()) {
            table.print(out());
        }
        out().println(order.size() + " revision" + (order.size() == 1 ? "" : "s") + " in apply order");
    }

    static Map<String, Object> entry(HistoryEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", entry.id());
        fields.put("applied_at", entry.appliedAt().toString());
        fields.put("applied_by", entry.appliedBy());
        fields.put("duration_ms", entry.durationMillis());
        fields.put("checksum", entry.checksum());
        return fields;
    }
}
