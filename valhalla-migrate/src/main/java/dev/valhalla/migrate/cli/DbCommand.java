package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.MigrateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code valhalla db}: the migration engine's commands. A self-contained picocli command: mount it as a
 * subcommand ({@code root.addSubcommand("db", new DbCommand())}) and call {@link #installHandlers} on the root
 * so usage errors exit 2 with a hint. Each subcommand turns its own failures into exit codes (1 for a failed run
 * or findings, 2 for unreadable input), so no other handler is needed.
 */
@Command(name = "db", mixinStandardHelpOptions = true, versionProvider = DbCommand.Version.class,
        description = "Migration engine: revisions as a graph, checks, lint, and apply to PostgreSQL.",
        subcommands = {
                StatusCommand.class, HeadsCommand.class, BranchesCommand.class, HistoryCommand.class,
                GraphCommand.class, UpgradeCommand.class, DowngradeCommand.class, NewCommand.class,
                MergeCommand.class, StampCommand.class, CheckCommand.class, LintCommand.class,
                TestCommand.class, DriftCommand.class, AuditAlembicCommand.class},
        footer = {"",
                "Every subcommand takes --url, --user, --password, --dir, --lock-wait.",
                "Exit codes:",
                "  0  fine",
                "  1  findings or a failed run",
                "  2  bad usage or unreadable input",
                "Example:",
                "  valhalla db upgrade --url jdbc:postgresql://db.internal/app --user deploy"})
public final class DbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli instantiates the subcommands. */
    public DbCommand() {
    }

    /** Without a subcommand: prints the usage to stderr and returns 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return MigrateException.EXIT_BAD_INPUT;
    }

    /**
     * Installs on {@code root} the handlers that give the documented exit codes: a usage error prints its message
     * and a hint to stderr and returns 2; an exception that escapes a command prints its message (no stack trace)
     * and returns its {@link MigrateException#exitCode()}, or 1 for any other exception.
     *
     * @return {@code root}, for chaining
     */
    public static CommandLine installHandlers(CommandLine root) {
        root.setParameterExceptionHandler(DbCommand::handleUsageError);
        root.setExecutionExceptionHandler((exception, commandLine, parseResult) ->
                Failures.report(exception, commandLine.getErr()));
        return root;
    }

    private static int handleUsageError(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return MigrateException.EXIT_BAD_INPUT;
    }

    /** Prints the implementation version of the package, when the jar manifest has one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DbCommand.class.getPackage().getImplementationVersion();
            return new String[] {"valhalla " + (version == null ? "development build" : version)};
        }
    }
}
