package dev.valhalla.server;

import dev.valhalla.migrate.cli.DbCommand;
import dev.valhalla.server.core.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The {@code valhalla} command line: {@code serve}, {@code db …} (the migration engine) and
 * {@code verify}. Extension point: subcommands are mounted in {@link #commandLine()}.
 */
@Command(name = "valhalla", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Valhalla: a self-hosted operations control plane.", ""},
        footer = {"", "  verify    post-deploy verification of a running server (valhalla verify --url URL)",
                "", "Start here:  valhalla serve   then   curl http://127.0.0.1:8080/ready",
                "Each command has its own --help."})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || !ServeCommand.SERVING.get()) {
            Logging.flushAndStop();
            System.exit(code);
        }
    }

    /** The command tree with every subcommand mounted. */
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Main());
        root.addSubcommand("serve", ServeCommand.commandLine());
        root.addSubcommand("db", new DbCommand());
        root.addSubcommand("verify", new dev.valhalla.server.verify.VerifyCommand());
        DbCommand.installHandlers(root);
        return root;
    }

    /** Without a subcommand: prints the usage and returns 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The implementation version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"valhalla " + (version == null ? "development build" : version)};
        }
    }
}
