package dev.valhalla.migrate.apply;

import java.time.Duration;
import java.util.List;

/**
 * What a run of {@link Migrator#upgrade}, {@link Migrator#downgrade} or {@link Migrator#stamp} changed.
 *
 * @param revisions revisions applied or un-applied, in the order it happened
 * @param stamped   whether only the history was changed, without running SQL
 */
public record RunResult(List<RevisionRun> revisions, boolean stamped) {

    public RunResult {
        revisions = List.copyOf(revisions);
    }

    /** Ids of the revisions applied, in order. */
    public List<String> applied() {
        return ids(Direction.UPGRADE);
    }

    /** Ids of the revisions un-applied, in order. */
    public List<String> unapplied() {
        return ids(Direction.DOWNGRADE);
    }

    /** Whether the run found nothing to do. */
    public boolean nothingToDo() {
        return revisions.isEmpty();
    }

    /** Sum of the revisions' durations. */
    public Duration totalDuration() {
        return revisions.stream().map(RevisionRun::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private List<String> ids(Direction direction) {
        return revisions.stream().filter(run -> run.direction() == direction).map(RevisionRun::id).toList();
    }
}
