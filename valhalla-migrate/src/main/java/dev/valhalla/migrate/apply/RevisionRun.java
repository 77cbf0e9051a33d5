package dev.valhalla.migrate.apply;

import java.time.Duration;

/**
 * One revision applied or un-applied by a run.
 *
 * @param id        revision id
 * @param direction whether it was applied or un-applied
 * @param duration  how long its statements ran; zero when only the history was changed ({@code stamp})
 */
public record RevisionRun(String id, Direction direction, Duration duration) {
}
