package dev.valhalla.migrate.graph;

import java.util.List;

/**
 * A revision id declared by more than one file.
 *
 * @param revision the id
 * @param files    every file declaring it, sorted
 */
public record DuplicateRevision(String revision, List<String> files) {

    public DuplicateRevision {
        files = List.copyOf(files);
    }
}
