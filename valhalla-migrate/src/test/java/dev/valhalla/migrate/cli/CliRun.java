package dev.valhalla.migrate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URISyntaxException;

/** One in-process run of {@code valhalla ...}: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = MigrateMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Prepends {@code db} to the arguments. */
    static CliRun db(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "db";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    /** A fixture folder under {@code src/test/resources/cli/}. */
    static Path fixture(String scenario) {
        try {
            return Paths.get(CliRun.class.getResource("/cli/" + scenario).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
