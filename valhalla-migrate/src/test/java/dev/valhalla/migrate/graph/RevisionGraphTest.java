package dev.valhalla.migrate.graph;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.revision.Revision;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionGraphTest {

    static Revision revision(String id, String... parents) {
        return new Revision(id, List.of(parents), "message of " + id, true, Optional.empty(), Optional.empty(),
                List.of(), List.of(), false, Set.of(), Path.of(id + ".sql"), "v1:0");
    }

    private static final List<Revision> DIAMOND = List.of(
            revision("d", "b", "c"), revision("c", "a"), revision("b", "a"), revision("a"), revision("e", "b"));

    @Test
    void orders_parents_before_children_breaking_ties_by_id() {
        RevisionGraph graph = RevisionGraph.of(DIAMOND);

        assertThat(graph.topologicalOrder()).extracting(Revision::id).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void orders_every_parent_before_its_child_in_a_random_dag() {
        List<Revision> revisions = SyntheticGraphs.randomDag(5_000, 42).stream()
                .map(node -> revision(node.id(), node.parents().toArray(String[]::new))).toList();

        List<Revision> order = RevisionGraph.of(revisions).topologicalOrder();

        assertThat(order).hasSize(5_000);
        Map<String, Integer> position = new HashMap<>();
        for (int index = 0; index < order.size(); index++) {
            position.put(order.get(index).id(), index);
        }
        for (Revision child : order) {
            for (String parent : child.parents()) {
                assertThat(position.get(parent)).as("%s before %s", parent, child.id())
                        .isLessThan(position.get(child.id()));
            }
        }
        assertThat(RevisionGraph.of(revisions).topologicalOrder()).isEqualTo(order);
    }

    @Test
    void ancestors_and_descendants_include_the_revision_itself() {
        RevisionGraph graph = RevisionGraph.of(DIAMOND);

        assertThat(graph.ancestors("d")).containsExactlyInAnyOrder("d", "b", "c", "a");
        assertThat(graph.descendants("b")).containsExactlyInAnyOrder("b", "d", "e");
        assertThat(graph.descendants("a")).hasSize(5);
    }

    @Test
    void walks_a_hundred_thousand_long_chain_without_overflowing_the_stack() {
        List<Revision> chain = SyntheticGraphs.chain(100_000).stream()
                .map(node -> revision(node.id(), node.parents().toArray(String[]::new))).toList();

        RevisionGraph graph = RevisionGraph.of(chain);

        assertThat(graph.ancestors("r099999")).hasSize(100_000);
        assertThat(graph.descendants("r000000")).hasSize(100_000);
        assertThat(graph.topologicalOrder().get(99_999).id()).isEqualTo("r099999");
    }

    @Test
    void exposes_heads_bases_and_size() {
        RevisionGraph graph = RevisionGraph.of(DIAMOND);

        assertThat(graph.heads()).containsExactly("d", "e");
        assertThat(graph.bases()).containsExactly("a");
        assertThat(graph.size()).isEqualTo(5);
        assertThat(graph.contains("c")).isTrue();
        assertThat(graph.contains("zz")).isFalse();
        assertThat(graph.report().branchPoints()).containsExactly("a", "b");
    }

    @Test
    void refuses_a_broken_graph_with_every_finding_in_the_message() {
        List<Revision> broken = List.of(revision("a", "c"), revision("b", "a"), revision("c", "b"),
                revision("x", "nowhere"), revision("y"), revision("y"));

        assertThatThrownBy(() -> RevisionGraph.of(broken))
                .isInstanceOfSatisfying(RevisionGraphException.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(MigrateException.EXIT_FAILED);
                    assertThat(failure.report().cycles()).extracting(Cycle::path)
                            .containsExactly(List.of("a", "b", "c", "a"));
                    assertThat(failure.getMessage())
                            .contains("cycle a -> b -> c -> a", "remove parent c from a in a.sql",
                                    "missing parent nowhere of x", "duplicate id y in y.sql, y.sql");
                });
    }

    @Test
    void rejects_an_unknown_id_with_exit_code_two() {
        RevisionGraph graph = RevisionGraph.of(DIAMOND);

        assertThatThrownBy(() -> graph.get("nope"))
                .isInstanceOfSatisfying(UnknownRevisionException.class,
                        failure -> assertThat(failure.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT))
                .hasMessageContaining("nope");
    }

    @Test
    void resolves_a_unique_prefix_and_lists_candidates_of_an_ambiguous_one() {
        RevisionGraph graph = RevisionGraph.of(List.of(
                revision("20240101_0001_users"), revision("20240101_0002_orders", "20240101_0001_users"),
                revision("20240202_0001_audit", "20240101_0002_orders")));

        assertThat(graph.resolve("202402").id()).isEqualTo("20240202_0001_audit");
        assertThat(graph.resolve("20240101_0001_users").id()).isEqualTo("20240101_0001_users");
        assertThatThrownBy(() -> graph.resolve("20240101"))
                .isInstanceOfSatisfying(UnknownRevisionException.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
                    assertThat(failure.candidates())
                            .containsExactly("20240101_0001_users", "20240101_0002_orders");
                });
        assertThatThrownBy(() -> graph.resolve("2025")).isInstanceOf(UnknownRevisionException.class);
    }
}
