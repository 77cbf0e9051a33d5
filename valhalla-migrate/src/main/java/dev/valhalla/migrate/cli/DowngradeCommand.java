package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.RunResult;
import dev.valhalla.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code valhalla db downgrade TARGET|-N}: runs downgrade sections of applied revisions. */
@Command(name = "downgrade", mixinStandardHelpOptions = true,
        description = "Un-apply revisions: down to TARGET (kept applied), to 'base', or the last N with -N.",
        footer = {"",
                "Exit codes:",
                "  0  done (or nothing to do)",
                "  1  a statement failed or the lock was not acquired",
                "  2  unreadable files, unknown target, missing downgrade section,",
                "     or unreachable database",
                "Examples:",
                "  valhalla db downgrade -1",
                "  valhalla db downgrade 20260101_0001_create_users"})
final class DowngradeCommand extends DbSubcommand {

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "Revision id to keep as the newest applied, 'base' for none, or -N for the last N.")
    String target;

    @Mixin
    FormatOption output;

    @Override
    int execute() throws Exception {
        RevisionGraph graph = loadGraph();
        ProgressPrinter printer = new ProgressPrinter(out(), output.json());
        RunResult result = withMigrator(graph, printer, (migrator, database) -> migrator.downgrade(target));
        printer.printResult(result, "Un-applied");
        return 0;
    }
}
