package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.RunResult;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code valhalla db stamp TARGET}: sets the history without running SQL. */
@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = "Record TARGET (an id, 'heads' or 'base') as the database's state without running any SQL.",
        footer = {"",
                "Adopts a database whose schema was created another way.",
                "Exit codes:",
                "  0  done",
                "  1  history not writable or lock not acquired",
                "  2  unreadable files, unknown target or unreachable database",
                "Example:",
                "  valhalla db stamp heads"})
final class StampCommand extends DbSubcommand {

    @Parameters(index = "0", paramLabel = "TARGET", description = "Revision id, 'heads' or 'base'.")
    String target;

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        RevisionGraph graph = loadGraph();
        ProgressPrinter printer = new ProgressPrinter(out(), output.json());
        RunResult result = withMigrator(graph, MigrationListener.NONE, (migrator, database) -> migrator.stamp(target));
        printer.printResult(result, "Stamped");
        return 0;
    }
}
