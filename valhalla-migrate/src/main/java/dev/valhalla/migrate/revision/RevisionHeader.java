package dev.valhalla.migrate.revision;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The validated header of a revision file; see {@link Revision} for the meaning of each value. */
record RevisionHeader(
        String id,
        List<String> parents,
        String message,
        boolean transactional,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        Set<String> lintIgnores) {

    RevisionHeader {
        parents = List.copyOf(parents);
        lintIgnores = Set.copyOf(lintIgnores);
    }
}
