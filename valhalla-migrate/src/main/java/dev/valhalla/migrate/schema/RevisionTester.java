package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.apply.MigrateSettings;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.Migrator;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Checks that revisions can be undone: on a scratch database of the same server, captures the empty schema,
 * upgrades everything one revision at a time, downgrades to base one revision at a time (after each, the schema
 * must equal the one before that revision; at the end, the empty one), and upgrades again (the schema must equal
 * the first upgrade's). The logic of {@code valhalla db test}.
 *
 * <p>Thread-safe: each {@link #test} uses its own scratch database.
 */
public final class RevisionTester {

    private final String jdbcUrl;
    private final Properties properties;
    private final MigrateSettings settings;
    private final MigrationListener listener;

    /**
     * @param jdbcUrl    URL of any database on the server to test on; the scratch database is created beside it
     * @param properties connection properties such as {@code user} and {@code password}; may be empty
     * @param settings   history schema (left out of the comparisons), lock wait, applied-by name
     * @param listener   progress of the migrations; {@link MigrationListener#NONE} for none
     */
    public RevisionTester(String jdbcUrl, Properties properties, MigrateSettings settings, MigrationListener listener) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs the four phases on a fresh scratch database, dropped afterwards whatever happens.
     *
     * @throws dev.valhalla.migrate.MigrateException when a revision fails to apply or un-apply (for example
     *         {@code MigrationFailedException}, or {@code MigrationPlanException} for a missing downgrade section),
     *         or the scratch database cannot be created
     */
    public RevisionTestResult test(RevisionGraph graph) {
        try (ScratchDatabase scratch = ScratchDatabase.create(jdbcUrl, properties)) {
            Migrator migrator = new Migrator(scratch.connectionSource(), graph, settings, listener);
            List<String> order = graph.topologicalOrder().stream().map(Revision::id).toList();
            List<TestPhase> phases = new ArrayList<>();
            long started = System.nanoTime();
            SchemaSnapshot baseline = capture(scratch);
            phases.add(new TestPhase("baseline", List.of(), since(started), baseline.objects().size(), "",
                    SchemaDiff.between(baseline, baseline)));

            // one revision at a time, so that each downgrade can be checked against the schema before it
            started = System.nanoTime();
            List<SchemaSnapshot> before = new ArrayList<>();
            SchemaSnapshot upgraded = baseline;
            for (String id : order) {
                before.add(upgraded);
                migrator.upgrade(id);
                upgraded = capture(scratch);
            }
            phases.add(new TestPhase("upgrade", order, since(started), upgraded.objects().size(), "",
                    SchemaDiff.between(upgraded, upgraded)));

            phases.add(downgradeStepByStep(migrator, scratch, order, before));

            started = System.nanoTime();
            List<String> again = migrator.upgrade(null).applied();
            SchemaSnapshot reupgraded = capture(scratch);
            phases.add(new TestPhase("re-upgrade", again, since(started), reupgraded.objects().size(),
                    "the first upgrade", SchemaDiff.between(upgraded, reupgraded)));
            return new RevisionTestResult(scratch.name(), phases);
        }
    }

    /**
     * Un-applies the revisions latest first, comparing after each with the schema before that revision was
     * applied. The phase reports the first revision whose downgrade does not restore it: a leftover of a later
     * revision usually vanishes with its table when an earlier revision is undone, so base alone would hide it.
     */
    private TestPhase downgradeStepByStep(Migrator migrator, ScratchDatabase scratch, List<String> order,
                                          List<SchemaSnapshot> before) {
        long started = System.nanoTime();
        List<String> reverted = new ArrayList<>();
        SchemaDiff firstDifference = null;
        String compared = "the baseline";
        SchemaSnapshot current = null;
        for (int index = order.size() - 1; index >= 0; index--) {
            reverted.addAll(migrator.downgrade("-1").unapplied());
            current = capture(scratch);
            SchemaDiff diff = SchemaDiff.between(before.get(index), current);
            if (firstDifference == null && !diff.isEmpty()) {
                firstDifference = diff;
                compared = "the schema before " + order.get(index);
            }
        }
        SchemaDiff diff = firstDifference != null ? firstDifference : new SchemaDiff(List.of());
        int objects = current == null ? before.isEmpty() ? 0 : before.get(0).objects().size() : current.objects().size();
        return new TestPhase("downgrade", reverted, since(started), objects, compared, diff);
    }

    private SchemaSnapshot capture(ScratchDatabase scratch) {
        try (Connection connection = scratch.connect()) {
            return SchemaSnapshot.capture(connection, Set.of(settings.historySchema()));
        } catch (SQLException e) {
            throw new SchemaCaptureException("cannot connect to scratch database " + scratch.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
