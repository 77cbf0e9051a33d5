package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.RevisionWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valhalla db new "message"}: writes an empty revision on top of the current heads. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create an empty revision file whose parents are the current heads; print its path.",
        footer = {"",
                "Reads and writes only the files; creates --dir when missing.",
                "Exit codes:",
                "  0  created",
                "  1  broken graph",
                "  2  unreadable files",
                "Example:",
                "  valhalla db new \"add users.email\""})
final class NewCommand extends DbSubcommand {

    @Parameters(index = "0", paramLabel = "MESSAGE", description = "One-line description of the revision.")
    String message;

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        Files.createDirectories(options.directory);
        RevisionGraph graph = RevisionGraph.of(loadRevisions());
        List<String> parents = graph.heads();
        String id = RevisionWriter.newId(Clock.systemUTC(), message);
        Path file = RevisionWriter.write(options.directory, id, parents, message);
        out().println(output.json() ? Json.write(created(file, parents)) : file.toString());
        return 0;
    }

    static Map<String, Object> created(Path file, List<String> parents) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", file.toString());
        fields.put("parents", parents);
        return fields;
    }
}
