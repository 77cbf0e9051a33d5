package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.HistoryEntry;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.MigrationStatus;
import dev.valhalla.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code valhalla db status}: what the database has applied compared with the files. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show applied, pending, edited and unknown revisions of the database.",
        footer = {"",
                "Exit codes:",
                "  0  fine (pending revisions are not an error)",
                "  1  broken graph or history not readable",
                "  2  unreadable files or unreachable database",
                "Example:",
                "  valhalla db status --url jdbc:postgresql://localhost/app --user app"})
final class StatusCommand extends DbSubcommand {

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        RevisionGraph graph = loadGraph();
        return withMigrator(graph, MigrationListener.NONE, (migrator, database) -> {
            MigrationStatus status = migrator.status();
            if (output.json()) {
                out().println(Json.write(json(status, database)));
            } else {
                printText(status, database);
            }
            return 0;
        });
    }

    private void printText(MigrationStatus status, DatabaseTarget database) {
        out().println("Database: " + database.shownUrl());
        out().printf("Applied: %d   Pending: %d   Edited: %d   Unknown: %d%n", status.applied().size(),
                status.pending().size(), status.edited().size(), status.unknown().size());
        TextTable table = new TextTable("", "REVISION", "STATE");
        for (HistoryEntry entry : status.applied()) {
            boolean edited = status.edited().contains(entry.id());
            boolean unknown = status.unknown().contains(entry.id());
            table.row(edited || unknown ? "✗" : "✓", entry.id(),
                    edited ? "applied, file edited since" : unknown ? "applied, no file" : "applied " + entry.appliedAt());
        }
        status.pending().forEach(id -> table.row("·", id, "pending"));
        if (!table.isEmpty()) {
            table.print(out());
        }
        out().println(status.atHead() ? "✓ at head" : status.pending().size() + " pending: run valhalla db upgrade");
    }

    private static Map<String, Object> json(MigrationStatus status, DatabaseTarget database) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", database.shownUrl());
        document.put("applied", status.applied().stream().map(HistoryCommand::entry).toList());
        document.put("pending", status.pending());
        document.put("edited", status.edited());
        document.put("unknown", status.unknown());
        document.put("current", status.current());
        document.put("at_head", status.atHead());
        return document;
    }
}
