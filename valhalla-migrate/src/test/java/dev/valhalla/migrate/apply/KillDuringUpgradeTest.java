package dev.valhalla.migrate.apply;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.valhalla.migrate.apply.ApplyFixtures.generateLinear;
import static dev.valhalla.migrate.apply.ApplyFixtures.generatedId;
import static dev.valhalla.migrate.apply.ApplyFixtures.migrator;
import static dev.valhalla.migrate.apply.ApplyFixtures.strings;
import static dev.valhalla.migrate.apply.ApplyFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL of a deployer at a random moment leaves no half-applied revision, and a rerun completes. */
@ExtendWith(PostgresExtension.class)
class KillDuringUpgradeTest {

    private static final int REVISIONS = 200;

    @TempDir
    Path folder;

    @BeforeEach
    void emptyDatabase(TestDatabase db) throws SQLException {
        ApplyFixtures.reset(db);
    }

    @RepeatedTest(3)
    void a_killed_upgrade_leaves_no_half_applied_revision_and_a_rerun_completes(TestDatabase db) throws Exception {
        Path revisions = Files.createDirectory(folder.resolve("revisions"));
        // the pause inside each revision makes the kill land inside a transaction most of the time
        generateLinear(revisions, REVISIONS, 0.01);
        int killAfter = ThreadLocalRandom.current().nextInt(5, REVISIONS - 50);
        Path output = folder.resolve("child.log");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UpgradeMain.class.getName(),
                db.jdbcUrl(), revisions.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            int applied = awaitHistory(db, child, killAfter, output);
            assertThat(applied).as("kill point %d; child output: %s", killAfter, Files.readString(output))
                    .isBetween(killAfter, REVISIONS - 1);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        assertNoHalfAppliedRevision(db);
        RunResult rerun = migrator(db, revisions).upgrade(null);
        assertThat(rerun.applied()).isNotEmpty().endsWith(generatedId(REVISIONS));
        assertThat(strings(db, "SELECT count(*)::text FROM valhalla_migrate.revision_history")).containsExactly("200");
        assertThat(tables(db)).hasSize(2 * REVISIONS);
    }

    /** Polls the history until it holds {@code count} rows; returns the count seen, or fails if the child ends. */
    private static int awaitHistory(TestDatabase db, Process child, int count, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            int applied = historyCount(db);
            if (applied >= count) {
                return applied;
            }
            if (child.waitFor(5, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child exited with " + child.exitValue() + " after " + applied
                        + " revisions: " + Files.readString(output));
            }
        }
        throw new AssertionError("history did not reach " + count + " revisions in time");
    }

    private static int historyCount(TestDatabase db) throws SQLException {
        List<String> exists = strings(db, "SELECT to_regclass('valhalla_migrate.revision_history')::text");
        if (exists.getFirst() == null) {
            return 0;
        }
        return Integer.parseInt(strings(db, "SELECT count(*)::text FROM valhalla_migrate.revision_history").getFirst());
    }

    private static void assertNoHalfAppliedRevision(TestDatabase db) throws SQLException {
        Set<String> applied = new HashSet<>(ApplyFixtures.history(db));
        Set<String> tables = new HashSet<>(tables(db));
        for (int index = 1; index <= REVISIONS; index++) {
            boolean recorded = applied.contains(generatedId(index));
            assertThat(tables.contains("gen_" + index + "_a")).as("table a of revision %d", index).isEqualTo(recorded);
            assertThat(tables.contains("gen_" + index + "_b")).as("table b of revision %d", index).isEqualTo(recorded);
        }
    }
}
