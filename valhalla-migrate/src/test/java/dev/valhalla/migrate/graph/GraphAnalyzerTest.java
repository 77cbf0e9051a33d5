package dev.valhalla.migrate.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GraphAnalyzerTest {

    private static GraphNode node(String id, String... parents) {
        return GraphNode.of(id, List.of(parents), id + ".sql");
    }

    @Test
    void reports_heads_bases_branch_points_and_merges_of_a_sound_graph() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                node("a"), node("b", "a"), node("c", "a"), node("d", "b", "c"), node("e", "d"), node("f", "d"),
                node("z")));

        assertThat(report.revisions()).isEqualTo(7);
        assertThat(report.heads()).containsExactly("e", "f", "z");
        assertThat(report.bases()).containsExactly("a", "z");
        assertThat(report.branchPoints()).containsExactly("a", "d");
        assertThat(report.mergePoints()).containsExactly("d");
        assertThat(report.ok()).isTrue();
    }

    @Test
    void reports_cycle_as_closed_path_in_upgrade_direction_starting_at_smallest_id() {
        // c's parent is a, b's parent is c, a's parent is b: a -> c -> b -> a
        GraphReport report = GraphAnalyzer.analyze(List.of(node("b", "c"), node("c", "a"), node("a", "b")));

        assertThat(report.cycles()).containsExactly(new Cycle(List.of("a", "c", "b", "a"),
                List.of("a.sql", "c.sql", "b.sql"), "a", "b", "a.sql"));
        assertThat(report.ok()).isFalse();
    }

    @Test
    void reports_self_loop_as_a_cycle_of_one() {
        GraphReport report = GraphAnalyzer.analyze(List.of(node("base"), node("x", "base", "x")));

        assertThat(report.cycles()).extracting(Cycle::path).containsExactly(List.of("x", "x"));
        assertThat(report.cycles().get(0).closingParent()).isEqualTo("x");
    }

    @Test
    void reports_one_cycle_per_closing_edge_when_cycles_share_revisions() {
        // figure eight through a: a -> b -> a and a -> c -> d -> a
        GraphReport report = GraphAnalyzer.analyze(List.of(
                node("a", "b", "d"), node("b", "a"), node("c", "a"), node("d", "c")));

        assertThat(report.cycles()).extracting(Cycle::path).containsExactly(
                List.of("a", "b", "a"), List.of("a", "c", "d", "a"));
        assertThat(withoutClosingEdges(List.of(node("a", "b", "d"), node("b", "a"), node("c", "a"),
                node("d", "c")), report).cycles()).isEmpty();
    }

    @Test
    void closing_edges_make_random_cyclic_graphs_acyclic() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int size = 2 + random.nextInt(12);
            List<GraphNode> nodes = new ArrayList<>();
            for (int position = 0; position < size; position++) {
                List<String> parents = new ArrayList<>();
                for (int edge = random.nextInt(4); edge > 0; edge--) {
                    String parent = "n" + random.nextInt(size);
                    if (!parents.contains(parent)) {
                        parents.add(parent);
                    }
                }
                nodes.add(GraphNode.of("n" + position, parents, "n" + position + ".sql"));
            }
            GraphReport report = GraphAnalyzer.analyze(nodes);

            assertThat(withoutClosingEdges(nodes, report).cycles()).isEmpty();
            for (Cycle cycle : report.cycles()) {
                assertThat(cycle.path().get(0)).isEqualTo(cycle.path().get(cycle.path().size() - 1))
                        .isEqualTo(cycle.path().stream().min(String::compareTo).orElseThrow());
                assertIsRealPath(nodes, cycle);
            }
        }
    }

    @Test
    void finds_cycles_over_dependencies_but_dependencies_do_not_change_heads() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                new GraphNode("a", List.of(), List.of("c"), "a.py"),
                new GraphNode("b", List.of("a"), List.of(), "b.py"),
                new GraphNode("c", List.of("b"), List.of(), "c.py"),
                new GraphNode("d", List.of(), List.of("a"), "d.py")));

        assertThat(report.cycles()).extracting(Cycle::path).containsExactly(List.of("a", "b", "c", "a"));
        assertThat(report.heads()).containsExactly("c", "d");
        assertThat(report.bases()).containsExactly("a", "d");
    }

    @Test
    void reports_missing_parents_and_dependencies_with_their_file() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                node("a"), new GraphNode("b", List.of("gone"), List.of("absent"), "b.sql")));

        assertThat(report.missingParents()).containsExactly(
                new MissingParent("b", "absent", "b.sql"), new MissingParent("b", "gone", "b.sql"));
        assertThat(report.heads()).containsExactly("a", "b");
    }

    @Test
    void reports_duplicates_with_sorted_files_and_analyses_the_first_occurrence() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                node("a"), GraphNode.of("b", List.of("a"), "z_b.sql"), GraphNode.of("b", List.of("q"), "m_b.sql")));

        assertThat(report.duplicates()).containsExactly(new DuplicateRevision("b", List.of("m_b.sql", "z_b.sql")));
        assertThat(report.revisions()).isEqualTo(2);
        assertThat(report.missingParents()).isEmpty();
        assertThat(report.heads()).containsExactly("b");
    }

    @Test
    void collects_every_kind_of_finding_in_one_report() {
        GraphReport report = GraphAnalyzer.analyze(List.of(
                node("a", "b"), node("b", "a"), node("c", "missing"), node("d"), node("d")));

        assertThat(report.cycles()).hasSize(1);
        assertThat(report.missingParents()).hasSize(1);
        assertThat(report.duplicates()).hasSize(1);
    }

    @Test
    void analyses_a_hundred_thousand_revision_dag_with_branches_and_merges() {
        List<GraphNode> nodes = SyntheticGraphs.braided(10_000);

        GraphReport report = GraphAnalyzer.analyze(nodes);

        assertThat(report.revisions()).isEqualTo(100_002);
        assertThat(report.heads()).containsExactly("head_extra", "t9999");
        assertThat(report.bases()).containsExactly("s000000");
        assertThat(report.branchPoints()).hasSize(10_000);
        assertThat(report.mergePoints()).hasSize(10_000);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void analyses_a_hundred_thousand_long_chain_without_overflowing_the_stack() {
        GraphReport report = GraphAnalyzer.analyze(SyntheticGraphs.chain(100_000));

        assertThat(report.heads()).containsExactly("r099999");
        assertThat(report.bases()).containsExactly("r000000");
        assertThat(report.ok()).isTrue();
    }

    @Test
    void reports_a_hundred_thousand_long_cycle_as_one_path() {
        List<GraphNode> nodes = new ArrayList<>(SyntheticGraphs.chain(100_000));
        nodes.set(0, GraphNode.of("r000000", List.of("r099999"), "r000000.sql"));

        GraphReport report = GraphAnalyzer.analyze(nodes);

        assertThat(report.cycles()).hasSize(1);
        Cycle cycle = report.cycles().get(0);
        assertThat(cycle.path()).hasSize(100_001).startsWith("r000000", "r000001").endsWith("r099999", "r000000");
        assertThat(cycle.closingParent()).isEqualTo("r099999");
    }

    private static GraphReport withoutClosingEdges(List<GraphNode> nodes, GraphReport report) {
        List<GraphNode> cut = new ArrayList<>();
        for (GraphNode node : nodes) {
            List<String> parents = new ArrayList<>(node.parents());
            List<String> dependencies = new ArrayList<>(node.dependencies());
            for (Cycle cycle : report.cycles()) {
                if (cycle.closingChild().equals(node.id())) {
                    parents.remove(cycle.closingParent());
                    dependencies.remove(cycle.closingParent());
                }
            }
            cut.add(new GraphNode(node.id(), parents, dependencies, node.file()));
        }
        return GraphAnalyzer.analyze(cut);
    }

    /** Every step x -> y of the path means y names x as parent. */
    private static void assertIsRealPath(List<GraphNode> nodes, Cycle cycle) {
        for (int step = 0; step + 1 < cycle.path().size(); step++) {
            String parent = cycle.path().get(step);
            String child = cycle.path().get(step + 1);
            GraphNode childNode = nodes.stream().filter(node -> node.id().equals(child)).findFirst().orElseThrow();
            assertThat(childNode.parents()).as("%s names %s as parent", child, parent).contains(parent);
        }
    }
}
