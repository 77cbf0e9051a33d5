package dev.valhalla.migrate.schema;

import java.time.Duration;
import java.util.List;

/**
 * One phase of a {@link RevisionTester} run.
 *
 * @param name      {@code baseline}, {@code upgrade}, {@code downgrade} or {@code re-upgrade}
 * @param revisions revisions applied or un-applied in this phase, in order
 * @param duration  how long the phase took, migrations and schema capture together
 * @param objects   how many schema objects the database had at the end of the phase
 * @param compared  what the schema was compared with ({@code baseline}, {@code upgrade}); empty when nothing
 * @param diff      the differences found by that comparison; empty when the phase compares nothing
 */
public record TestPhase(String name, List<String> revisions, Duration duration, int objects, String compared,
                        SchemaDiff diff) {

    public TestPhase {
        revisions = List.copyOf(revisions);
    }

    /** Whether the schema matched what it was compared with. */
    public boolean ok() {
        return diff.isEmpty();
    }
}
