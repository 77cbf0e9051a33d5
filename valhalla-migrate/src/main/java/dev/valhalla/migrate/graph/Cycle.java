package dev.valhalla.migrate.graph;

import java.util.List;

/**
 * A cycle in the revision graph, as one exact closed path.
 *
 * <p>The path is written in upgrade direction and closed: {@code ["a","c","b","a"]} reads
 * {@code a -> c -> b -> a} and means c's parent is a, b's parent is c and a's parent is b. It starts at its
 * smallest id.
 *
 * <p>The closing edge is the edge into the path's first element: {@code closingChild} is {@code path[0]} and
 * {@code closingParent} is the element just before the closing repeat ({@code path[size-2]}), i.e. the
 * declaration "{@code closingChild} has parent (or dependency) {@code closingParent}". Removing that one
 * declaration, which lives in {@code closingFile}, breaks this cycle; the closing edges of all reported cycles
 * together make the whole graph acyclic.
 *
 * @param path          closed path in upgrade direction, first element repeated at the end
 * @param files         the file of each distinct element, in path order ({@code files.size() == path.size() - 1})
 * @param closingChild  the revision whose parent (or dependency) declaration closes the cycle
 * @param closingParent the parent (or dependency) named by that declaration
 * @param closingFile   the file that declares the closing edge (the file of {@code closingChild})
 */
public record Cycle(List<String> path, List<String> files, String closingChild, String closingParent,
                    String closingFile) {

    public Cycle {
        path = List.copyOf(path);
        files = List.copyOf(files);
    }

    /** The path in Alembic's arrow notation: {@code a -> c -> b -> a}. */
    public String arrows() {
        return String.join(" -> ", path);
    }
}
