package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code valhalla db branches}: the revisions two or more revisions build on, with those children. */
@Command(name = "branches", mixinStandardHelpOptions = true,
        description = "List the branch points of the files (revisions named as parent by two or more revisions).",
        footer = {"",
                "Reads only the files.",
                "Exit codes:",
                "  0  fine",
                "  1  broken graph (see: valhalla db check --offline)",
                "  2  unreadable files",
                "Example:",
                "  valhalla db branches --format json"})
final class BranchesCommand extends DbSubcommand {

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        RevisionGraph graph = loadGraph();
        Map<String, List<String>> children = childrenOfBranchPoints(graph);
        if (output.json()) {
            List<Map<String, Object>> points = new ArrayList<>();
            children.forEach((id, ids) -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("id", id);
                point.put("children", ids);
                points.add(point);
            });
            out().println(Json.write(Map.of("branch_points", points)));
            return 0;
        }
        if (children.isEmpty()) {
            out().println("No branch points: the history is linear");
            return 0;
        }
        TextTable table = new TextTable("BRANCH POINT", "CHILDREN", "MESSAGE");
        children.forEach((id, ids) -> table.row(id, String.join(", ", ids), graph.get(id).message()));
        table.print(out());
        out().println(children.size() + " branch point" + (children.size() == 1 ? "" : "s"));
        return 0;
    }

    private static Map<String, List<String>> childrenOfBranchPoints(RevisionGraph graph) {
        Map<String, List<String>> children = new TreeMap<>();
        graph.report().branchPoints().forEach(id -> children.put(id, new ArrayList<>()));
        for (Revision revision : graph.topologicalOrder()) {
            for (String parent : revision.parents()) {
                List<String> siblings = children.get(parent);
                if (siblings != null) {
                    siblings.add(revision.id());
                }
            }
        }
        children.values().forEach(ids -> ids.sort(null));
        return children;
    }
}
