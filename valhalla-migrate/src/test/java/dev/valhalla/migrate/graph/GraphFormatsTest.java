package dev.valhalla.migrate.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.valhalla.migrate.graph.RevisionGraphTest.revision;
import static org.assertj.core.api.Assertions.assertThat;

class GraphFormatsTest {

    private final RevisionGraph graph = RevisionGraph.of(List.of(
            revision("a"), revision("b", "a"), revision("c", "a"), revision("d", "b", "c"), revision("e", "a")));

    @Test
    void writes_the_report_json_in_the_documented_shape_and_key_order() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                GraphNode.of("b", List.of("c"), "b.py"), GraphNode.of("c", List.of("a"), "c.py"),
                GraphNode.of("a", List.of("b"), "a.py"), GraphNode.of("x", List.of(), "x.py"),
                GraphNode.of("y", List.of("gone"), "y.py"), GraphNode.of("x", List.of(), "x2.py")));

        assertThat(GraphFormats.reportJson(report)).isEqualTo(
                "{\"revisions\": 5, \"heads\": [\"x\", \"y\"], \"bases\": [\"x\"], \"branch_points\": [], "
                        + "\"merge_points\": [], \"cycles\": [[\"a\", \"c\", \"b\", \"a\"]], "
                        + "\"missing_parents\": [{\"revision\": \"y\", \"parent\": \"gone\"}], "
                        + "\"duplicates\": [{\"revision\": \"x\", \"files\": [\"x.py\", \"x2.py\"]}], \"ok\": false}");
    }

    @Test
    void writes_ok_true_for_a_sound_graph() {
        assertThat(GraphFormats.reportJson(graph.report())).isEqualTo(
                "{\"revisions\": 5, \"heads\": [\"d\", \"e\"], \"bases\": [\"a\"], \"branch_points\": [\"a\"], "
                        + "\"merge_points\": [\"d\"], \"cycles\": [], \"missing_parents\": [], \"duplicates\": [], "
                        + "\"ok\": true}");
    }

    @Test
    void text_report_names_each_cycle_with_files_and_the_edge_to_remove() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                GraphNode.of("b", List.of("c"), "versions/b.py"), GraphNode.of("c", List.of("a"), "versions/c.py"),
                GraphNode.of("a", List.of("b"), "versions/a.py")));

        assertThat(GraphFormats.reportText(report)).contains(
                "cycles: 1\n  a -> c -> b -> a\n    a: versions/a.py\n    c: versions/c.py\n    b: versions/b.py\n"
                        + "    fix: remove parent b from a (versions/a.py)\n",
                "result: FAILED (1 cycle(s), 0 missing parent(s), 0 duplicate id(s))");
    }

    @Test
    void text_report_suggests_a_merge_for_several_heads_and_lists_missing_and_duplicates() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                GraphNode.of("a", List.of(), "a.sql"), GraphNode.of("b", List.of("a"), "b.sql"),
                GraphNode.of("c", List.of("a"), "c.sql"), GraphNode.of("d", List.of("zz"), "d.sql"),
                GraphNode.of("c", List.of("a"), "c2.sql")));

        assertThat(GraphFormats.reportText(report)).contains(
                "revisions: 4\n",
                "heads (3): b, c, d\n",
                "branch points (1): a\n",
                "fix: create a merge revision joining b, c, d (`valhalla db merge`)",
                "d names zz, which does not exist (d.sql)",
                "c is declared in 2 files:\n    c.sql\n    c2.sql\n");
    }

    @Test
    void dot_draws_edges_from_parent_to_child_and_styles_heads_and_bases() {
        String dot = GraphFormats.dot(graph);

        assertThat(dot).startsWith("digraph revisions {")
                .contains("\"a\" -> \"b\";", "\"b\" -> \"d\";", "\"c\" -> \"d\";")
                .contains("\"d\" [label=\"d\\nmessage of d\", style=\"filled,bold\"")
                .contains("\"a\" [label=\"a\\nmessage of a\", style=filled")
                .endsWith("}\n");
    }

    @Test
    void mermaid_draws_a_top_down_flowchart() {
        String mermaid = GraphFormats.mermaid(graph);

        assertThat(mermaid).startsWith("graph TD\n")
                .contains("  r0[\"a<br/>message of a\"]", "  r0 --> r1", "class r0 base", "head\n");
    }

    @Test
    void json_lists_nodes_in_topological_order_with_heads_and_bases() throws Exception {
        JsonNode json = new ObjectMapper().readTree(GraphFormats.json(graph));

        assertThat(json.get("nodes").get(0).get("id").asText()).isEqualTo("a");
        assertThat(json.get("nodes").get(3).get("parents").toString()).isEqualTo("[\"b\",\"c\"]");
        assertThat(json.get("nodes").get(3).get("file").asText()).isEqualTo("d.sql");
        assertThat(json.get("nodes").get(3).get("message").asText()).isEqualTo("message of d");
        assertThat(json.get("heads").toString()).isEqualTo("[\"d\",\"e\"]");
        assertThat(json.get("bases").toString()).isEqualTo("[\"a\"]");
    }
}
