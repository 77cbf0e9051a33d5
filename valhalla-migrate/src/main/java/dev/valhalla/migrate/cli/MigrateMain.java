package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.MigrateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Entry point of the standalone migration engine: {@code ./valhalla db status} calls
 * {@code main(["db", "status"])}. All commands live in {@link DbCommand}.
 */
public final class MigrateMain {

    private MigrateMain() {
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments, starting with {@code db}
     * @param out  where results go
     * @param err  where errors and usage hints go
     * @return the exit code: 0 fine, 1 findings or a failed run, 2 bad usage or unreadable input
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ValhallaCommand());
        commandLine.addSubcommand("db", new DbCommand());
        DbCommand.installHandlers(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The root {@code valhalla} command of the standalone launcher, where only {@code db} is mounted. */
    @Command(name = "valhalla", mixinStandardHelpOptions = true, versionProvider = DbCommand.Version.class,
            description = "Valhalla operations control plane.",
            footer = {"", "Example:", "  valhalla db status"})
    static final class ValhallaCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return MigrateException.EXIT_BAD_INPUT;
        }
    }
}
