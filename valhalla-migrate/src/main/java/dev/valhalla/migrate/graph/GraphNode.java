package dev.valhalla.migrate.graph;

import java.util.List;
import java.util.Objects;

/**
 * One revision as the graph checks see it, independent of where it came from (a Valhalla SQL revision or
 * an Alembic script).
 *
 * @param id           revision id
 * @param parents      ids this revision upgrades from ({@code down_revision} in Alembic); they decide heads,
 *                     bases, branch points and merge points
 * @param dependencies further ids that must be applied first ({@code depends_on} in Alembic); checked for
 *                     cycles and missing targets, but they never make a revision a head, a branch point or a merge
 * @param file         the file that declares the revision, as it should be shown to a person
 */
public record GraphNode(String id, List<String> parents, List<String> dependencies, String file) {

    public GraphNode {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        dependencies = List.copyOf(dependencies);
        file = Objects.requireNonNullElse(file, "");
    }

    /** A node with parents only. */
    public static GraphNode of(String id, List<String> parents, String file) {
        return new GraphNode(id, parents, List.of(), file);
    }
}
