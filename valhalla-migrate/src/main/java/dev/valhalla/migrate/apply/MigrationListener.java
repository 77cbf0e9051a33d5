package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.revision.Revision;

import java.time.Duration;

/**
 * Progress callbacks of a {@link Migrator} run. All methods default to doing nothing.
 *
 * <p>Called on the thread that runs the migration, while the advisory lock is held; keep the work short.
 * A listener that throws aborts the run (a transactional revision in progress is rolled back).
 */
public interface MigrationListener {

    /** A listener that ignores every event. */
    MigrationListener NONE = new MigrationListener() {
    };

    /** A revision is about to run. */
    default void revisionStarted(Revision revision, Direction direction) {
    }

    /**
     * One statement of the running revision has completed.
     *
     * @param index 1-based number of the statement just completed
     * @param total number of statements of the section being run
     */
    default void statementCompleted(Revision revision, int index, int total) {
    }

    /** A revision has run and its history change is committed. */
    default void revisionCompleted(Revision revision, Direction direction, Duration duration) {
    }
}
