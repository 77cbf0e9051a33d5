package dev.valhalla.migrate.graph;

import java.util.List;

/**
 * Every finding of one graph check. All id lists are sorted; cycles are sorted by path.
 *
 * @param revisions      number of distinct revision ids
 * @param heads          revisions no other revision names as parent (dependencies do not count)
 * @param bases          revisions without parents
 * @param branchPoints   revisions named as parent by two or more revisions
 * @param mergePoints    revisions with two or more parents
 * @param cycles         cycles over parent and dependency edges, one exact path each
 * @param missingParents references to ids no file declares
 * @param duplicates     ids declared by several files
 */
public record GraphReport(int revisions, List<String> heads, List<String> bases, List<String> branchPoints,
                          List<String> mergePoints, List<Cycle> cycles, List<MissingParent> missingParents,
                          List<DuplicateRevision> duplicates) {

    public GraphReport {
        heads = List.copyOf(heads);
        bases = List.copyOf(bases);
        branchPoints = List.copyOf(branchPoints);
        mergePoints = List.copyOf(mergePoints);
        cycles = List.copyOf(cycles);
        missingParents = List.copyOf(missingParents);
        duplicates = List.copyOf(duplicates);
    }

    /** Whether the graph is usable: no cycle, no missing parent and no duplicate id. Several heads are fine. */
    public boolean ok() {
        return cycles.isEmpty() && missingParents.isEmpty() && duplicates.isEmpty();
    }
}
