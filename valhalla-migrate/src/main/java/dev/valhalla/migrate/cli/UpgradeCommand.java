package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.RunResult;
import dev.valhalla.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code valhalla db upgrade [TARGET|heads]}: applies pending revisions. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Apply pending revisions up to TARGET (default: all heads), each in its own transaction.",
        footer = {"",
                "Exit codes:",
                "  0  applied (or nothing to do)",
                "  1  a statement failed or the lock was not acquired",
                "  2  unreadable files, unknown target or unreachable database",
                "Example:",
                "  valhalla db upgrade --url jdbc:postgresql://db.internal/app --lock-wait 2m"})
final class UpgradeCommand extends DbSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "heads",
            description = "Revision id to upgrade to (with its ancestors), or 'heads' (default).")
    String target;

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        RevisionGraph graph = loadGraph();
        ProgressPrinter printer = new ProgressPrinter(out(), output.json());
        RunResult result = withMigrator(graph, printer, (migrator, database) -> migrator.upgrade(target));
        printer.printResult(result, "Applied");
        return 0;
    }
}
