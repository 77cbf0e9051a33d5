package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valhalla db heads}: the revisions no other revision builds on. */
@Command(name = "heads", mixinStandardHelpOptions = true,
        description = "List the head revisions of the files (revisions no other revision names as parent).",
        footer = {"",
                "Reads only the files.",
                "Exit codes:",
                "  0  fine",
                "  1  broken graph (see: valhalla db check --offline)",
                "  2  unreadable files",
                "Example:",
                "  valhalla db heads --dir migrations"})
final class HeadsCommand extends DbSubcommand {

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        RevisionGraph graph = loadGraph();
        List<Revision> heads = graph.heads().stream().map(graph::get).toList();
        if (output.json()) {
            out().println(Json.write(Map.of("heads", heads.stream().map(HeadsCommand::describe).toList())));
            return 0;
        }
        if (heads.isEmpty()) {
            out().println("No revisions in " + options.directory);
            return 0;
        }
        TextTable table = new TextTable("HEAD", "MESSAGE", "FILE");
        heads.forEach(head -> table.row(head.id(), head.message(), head.file()));
        table.print(out());
        out().println(heads.size() == 1 ? "1 head" : heads.size() + " heads (join them with: valhalla db merge)");
        return 0;
    }

    static Map<String, Object> describe(Revision revision) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", revision.id());
        fields.put("parents", revision.parents());
        fields.put("message", revision.message());
        fields.put("file", revision.file().toString());
        return fields;
    }
}
