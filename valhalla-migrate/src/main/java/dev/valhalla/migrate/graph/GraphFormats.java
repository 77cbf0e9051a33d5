package dev.valhalla.migrate.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.migrate.revision.Revision;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a revision graph (dot, mermaid, json) and a graph report (text, json). Stateless and thread-safe.
 */
public final class GraphFormats {

    /** The fix suggested for several heads of a Valhalla revision folder. */
    public static final String VALHALLA_MERGE_COMMAND = "`valhalla db merge`";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphFormats() {
    }

    /** Graphviz digraph, edges from parent to child; heads and bases styled. */
    public static String dot(RevisionGraph graph) {
        Set<String> heads = new HashSet<>(graph.heads());
        Set<String> bases = new HashSet<>(graph.bases());
        StringBuilder out = new StringBuilder("digraph revisions {\n  rankdir=TB;\n  node [shape=box];\n");
        for (Revision revision : graph.topologicalOrder()) {
            out.append("  ").append(quoted(revision.id())).append(" [label=")
                    .append(quoted(revision.id() + "\n" + revision.message()));
            if (heads.contains(revision.id())) {
                out.append(", style=\"filled,bold\", fillcolor=\"#c6f6d5\"");
            } else if (bases.contains(revision.id())) {
                out.append(", style=filled, fillcolor=\"#e2e8f0\"");
            }
            out.append("];\n");
        }
        for (Revision revision : graph.topologicalOrder()) {
            for (String parent : revision.parents()) {
                out.append("  ").append(quoted(parent)).append(" -> ").append(quoted(revision.id())).append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    /** Mermaid flowchart, top down, edges from parent to child; heads and bases styled. */
    public static String mermaid(RevisionGraph graph) {
        Map<String, String> keys = new HashMap<>();
        StringBuilder out = new StringBuilder("graph TD\n");
        for (Revision revision : graph.topologicalOrder()) {
            String key = "r" + keys.size();
            keys.put(revision.id(), key);
            out.append("  ").append(key).append("[\"").append(mermaidText(revision.id()));
            if (!revision.message().isEmpty()) {
                out.append("<br/>").append(mermaidText(revision.message()));
            }
            out.append("\"]\n");
        }
        for (Revision revision : graph.topologicalOrder()) {
            for (String parent : revision.parents()) {
                out.append("  ").append(keys.get(parent)).append(" --> ").append(keys.get(revision.id())).append('\n');
            }
        }
        out.append("  classDef head fill:#c6f6d5,stroke:#2f855a,stroke-width:2px\n");
        out.append("  classDef base fill:#e2e8f0,stroke:#4a5568\n");
        graph.heads().forEach(id -> out.append("  class ").append(keys.get(id)).append(" head\n"));
        graph.bases().stream().filter(id -> !graph.heads().contains(id))
                .forEach(id -> out.append("  class ").append(keys.get(id)).append(" base\n"));
        return out.toString();
    }

    /** JSON: nodes (id, parents, message, file) in topological order, plus heads and bases. */
    public static String json(RevisionGraph graph) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (Revision revision : graph.topologicalOrder()) {
            ObjectNode node = nodes.addObject();
            node.put("id", revision.id());
            strings(node.putArray("parents"), revision.parents());
            node.put("message", revision.message());
            node.put("file", String.valueOf(revision.file()));
        }
        strings(root.putArray("heads"), graph.heads());
        strings(root.putArray("bases"), graph.bases());
        return write(root, false);
    }

    /** The human report: counts, heads, bases, branch points, merges, cycles, missing parents, duplicates, fixes. */
    public static String reportText(GraphReport report) {
        return ReportText.render(report, VALHALLA_MERGE_COMMAND);
    }

    /**
     * The human report, naming {@code mergeCommand} as the way to join several heads (Alembic histories are
     * merged with Alembic's own command).
     */
    public static String reportText(GraphReport report, String mergeCommand) {
        return ReportText.render(report, mergeCommand);
    }

    /**
     * The report as one line of JSON, keys in this order: {@code revisions, heads, bases, branch_points,
     * merge_points, cycles, missing_parents, duplicates, ok}.
     */
    public static String reportJson(GraphReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("revisions", report.revisions());
        strings(root.putArray("heads"), report.heads());
        strings(root.putArray("bases"), report.bases());
        strings(root.putArray("branch_points"), report.branchPoints());
        strings(root.putArray("merge_points"), report.mergePoints());
        ArrayNode cycles = root.putArray("cycles");
        report.cycles().forEach(cycle -> strings(cycles.addArray(), cycle.path()));
        ArrayNode missing = root.putArray("missing_parents");
        for (MissingParent parent : report.missingParents()) {
            missing.addObject().put("revision", parent.revision()).put("parent", parent.parent());
        }
        ArrayNode duplicates = root.putArray("duplicates");
        for (DuplicateRevision duplicate : report.duplicates()) {
            ObjectNode entry = duplicates.addObject().put("revision", duplicate.revision());
            strings(entry.putArray("files"), duplicate.files());
        }
        root.put("ok", report.ok());
        return write(root, true);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String write(JsonNode root, boolean inline) {
        try {
            return inline
                    ? MAPPER.writer(new InlineJsonPrinter()).writeValueAsString(root)
                    : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // a tree of strings and numbers always serializes; this is not reachable input
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static String mermaidText(String value) {
        return value.replace("\"", "#quot;").replace("\n", " ");
    }
}
