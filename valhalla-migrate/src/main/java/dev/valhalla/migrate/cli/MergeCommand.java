package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.RevisionWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code valhalla db merge}: one revision whose parents are all the current heads. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Create a merge revision whose parents are all current heads; print its path.",
        footer = {"",
                "Reads and writes only the files.",
                "Exit codes:",
                "  0  created",
                "  1  nothing to merge (one head) or broken graph",
                "  2  unreadable files",
                "Example:",
                "  valhalla db merge -m \"join billing and auth branches\""})
final class MergeCommand extends DbSubcommand {

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", defaultValue = "merge heads",
            description = "Message of the merge revision (default: ${DEFAULT-VALUE}).")
    String message;

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        RevisionGraph graph = loadGraph();
        List<String> heads = graph.heads();
        if (heads.size() < 2) {
            throw new MigrateException("nothing to merge: " + (heads.isEmpty() ? "no revisions"
                    : "one head (" + heads.getFirst() + ")") + " in " + options.directory, MigrateException.EXIT_FAILED);
        }
        String id = RevisionWriter.newId(Clock.systemUTC(), message);
        Path file = RevisionWriter.write(options.directory, id, heads, message);
        out().println(output.json() ? Json.write(NewCommand.created(file, heads)) : file.toString());
        return 0;
    }
}
