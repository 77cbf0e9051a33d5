package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.graph.GraphNode;

import java.util.List;
import java.util.Map;

/**
 * What was read from an Alembic {@code versions/} folder.
 *
 * @param nodes        one node per readable script, {@code depends_on} already resolved from branch labels to ids;
 *                     files relative to the folder, in sorted path order
 * @param branchLabels revision id to the branch labels it declares
 * @param problems     files that could not be read (not in {@code nodes}); Alembic itself would refuse them
 * @param notes        files skipped on purpose (no {@code revision} assignment)
 */
public record AlembicHistory(List<GraphNode> nodes, Map<String, List<String>> branchLabels,
                             List<AlembicFileProblem> problems, List<AlembicFileProblem> notes) {

    public AlembicHistory {
        nodes = List.copyOf(nodes);
        branchLabels = Map.copyOf(branchLabels);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }
}
