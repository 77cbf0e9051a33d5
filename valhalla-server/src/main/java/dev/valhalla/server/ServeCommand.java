package dev.valhalla.server;

import dev.valhalla.server.core.config.InvalidSettingException;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.config.Setting;
import dev.valhalla.server.core.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code valhalla serve}: starts the server and runs until SIGTERM/SIGINT, then drains and stops.
 * Every {@link Setting} is a flag here as well as a {@code VALHALLA_*} variable (the flag wins).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the control plane.",
                "Uses an embedded PostgreSQL persisted in VALHALLA_DATA_DIR unless VALHALLA_DATABASE_URL is set, brings",
                "the schema to head, and serves until SIGTERM, then drains in-flight requests and stops cleanly.",
                "Every option is also an environment variable (shown in brackets); the option wins.", ""},
        footer = {"", "Exit codes: 0 stopped cleanly, 1 failed to start, 2 invalid configuration."})
final class ServeCommand implements Callable<Integer> {

    static final AtomicBoolean SERVING = new AtomicBoolean();

    @Spec
    CommandSpec spec;

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ServeCommand());
        CommandSpec spec = commandLine.getCommandSpec();
        for (Setting setting : Setting.values()) {
            spec.addOption(OptionSpec.builder(setting.flag())
                    .paramLabel(setting == Setting.PORT ? "PORT" : "VALUE")
                    .type(String.class)
                    .description(setting.meaning() + " [" + setting.variable() + "; default: "
                            + (setting.defaultValue().isEmpty() ? "unset" : setting.defaultValue()) + "]")
                    .build());
        }
        return commandLine;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = spec.findOption(setting.flag()).getValue();
            if (value != null) {
                flags.put(setting, value);
            }
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(flags);
        } catch (InvalidSettingException e) {
            err.println("valhalla serve: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (config.database().embedded()) {
            out.println("Starting embedded PostgreSQL in " + config.database().dataDir().toAbsolutePath().normalize()
                    + " (set VALHALLA_DATABASE_URL for an external database) ...");
            out.flush();
        }
        ServerApp app = ServerApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } finally {
                Logging.flushAndStop();
                stopped.countDown();
            }
        }, "valhalla-shutdown"));
        SERVING.set(true);
        out.println();
        out.println("Valhalla is ready at " + app.url());
        out.println("  database: " + (app.embeddedDatabase() ? "embedded PostgreSQL in "
                + config.database().dataDir().toAbsolutePath().normalize() : "external"));
        out.println("  schema:   " + app.schema().status().detail());
        out.println("Next:");
        out.println("  curl " + app.url() + "/ready          readiness with details");
        out.println("  curl " + app.url() + "/metrics        Prometheus metrics");
        out.println("  ./valhalla verify --url " + app.url() + "   post-deploy verification");
        out.println("Stop with Ctrl-C (or SIGTERM): in-flight requests drain for up to "
                + config.http().drainTimeout().toSeconds() + " s.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
