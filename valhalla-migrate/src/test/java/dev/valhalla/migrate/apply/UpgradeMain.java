package dev.valhalla.migrate.apply;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Upgrades a revision folder in a JVM of its own, so that a test can kill it with SIGKILL mid-run.
 * Arguments: JDBC URL, revision folder.
 */
public final class UpgradeMain {

    private UpgradeMain() {
    }

    public static void main(String[] arguments) {
        Migrator migrator = new Migrator(ConnectionSource.of(arguments[0], new Properties()),
                ApplyFixtures.graph(Path.of(arguments[1])),
                ApplyFixtures.SETTINGS.withLockWait(Duration.ofSeconds(60)), MigrationListener.NONE);
        RunResult result = migrator.upgrade(null);
        System.out.println("applied " + result.applied().size());
    }
}
