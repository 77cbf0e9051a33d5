package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.apply.MigrateSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options every {@code valhalla db} subcommand accepts. Defaults come from the environment through picocli's
 * {@code ${env:...}} lookups, so the variables are read once, where the command line is parsed.
 */
final class CommonOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL", defaultValue = "${env:VALHALLA_DATABASE_URL}",
            description = "Database to migrate (env VALHALLA_DATABASE_URL; default: the embedded database in ./data).")
    String url;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:VALHALLA_DATABASE_USER}",
            description = "Database user (env VALHALLA_DATABASE_USER).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:VALHALLA_DATABASE_PASSWORD}",
            description = "Database password (env VALHALLA_DATABASE_PASSWORD; never printed).")
    String password;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:VALHALLA_MIGRATIONS_DIR:-migrations}",
            description = "Folder of revision files (env VALHALLA_MIGRATIONS_DIR; default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to wait for another deployer's migration lock (default: ${DEFAULT-VALUE}).")
    Duration lockWait;

    /** Settings of a run: the default history schema and applied-by, with the lock wait given here. */
    MigrateSettings settings() {
        return MigrateSettings.defaults().withLockWait(lockWait);
    }
}
