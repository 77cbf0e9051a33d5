package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.graph.Cycle;
import dev.valhalla.migrate.graph.GraphReport;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class AlembicAuditTest {

    static Path fixture(String scenario) {
        try {
            return Path.of(Objects.requireNonNull(AlembicAuditTest.class.getResource("/alembic/" + scenario)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String scenario) {
        return AlembicAudit.audit(fixture(scenario)).json();
    }

    @Test
    void reports_a_linear_history_as_sound() {
        assertThat(json("linear")).isEqualTo("{\"revisions\": 3, \"heads\": [\"ccc3\"], \"bases\": [\"aaa1\"], "
                + "\"branch_points\": [], \"merge_points\": [], \"cycles\": [], \"missing_parents\": [], "
                + "\"duplicates\": [], \"ok\": true}");
    }

    @Test
    void reports_two_heads_with_the_merge_fix() {
        AlembicAuditResult result = AlembicAudit.audit(fixture("two_heads"));

        assertThat(result.json()).isEqualTo("{\"revisions\": 3, \"heads\": [\"left02\", \"right03\"], "
                + "\"bases\": [\"base01\"], \"branch_points\": [\"base01\"], \"merge_points\": [], \"cycles\": [], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": true}");
        assertThat(result.text()).contains(
                "fix: create a merge revision joining left02, right03 (`alembic merge -m \"merge heads\" heads`)");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void reports_a_merge_point() {
        assertThat(json("merge")).isEqualTo("{\"revisions\": 4, \"heads\": [\"m4\"], \"bases\": [\"m1\"], "
                + "\"branch_points\": [\"m1\"], \"merge_points\": [\"m4\"], \"cycles\": [], \"missing_parents\": [], "
                + "\"duplicates\": [], \"ok\": true}");
    }

    @Test
    void reports_a_three_cycle_as_its_exact_path_with_files_and_the_edge_to_remove() {
        AlembicAuditResult result = AlembicAudit.audit(fixture("cycle"));

        assertThat(result.json()).isEqualTo("{\"revisions\": 5, \"heads\": [\"d\"], \"bases\": [\"x\"], "
                + "\"branch_points\": [\"a\"], \"merge_points\": [\"d\"], \"cycles\": [[\"a\", \"c\", \"b\", \"a\"]], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": false}");
        assertThat(result.text()).contains("  a -> c -> b -> a\n    a: 1_a.py\n    c: 3_c.py\n    b: 2_b.py\n"
                + "    fix: remove parent b from a (1_a.py)\n");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void reports_each_of_two_cycles() {
        GraphReport report = AlembicAudit.audit(fixture("two_cycles")).report();

        assertThat(report.cycles()).extracting(Cycle::path)
                .containsExactly(List.of("p", "q", "p"), List.of("r", "s", "t", "r"));
        assertThat(report.cycles()).extracting(Cycle::closingChild, Cycle::closingParent, Cycle::closingFile)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p", "q", "p.py"),
                        org.assertj.core.groups.Tuple.tuple("r", "t", "r.py"));
        assertThat(report.heads()).isEmpty();
        assertThat(report.bases()).containsExactly("z");
    }

    @Test
    void reports_a_self_loop() {
        assertThat(json("self_loop")).isEqualTo("{\"revisions\": 2, \"heads\": [], \"bases\": [\"s1\"], "
                + "\"branch_points\": [], \"merge_points\": [\"s2\"], \"cycles\": [[\"s2\", \"s2\"]], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": false}");
    }

    @Test
    void reports_a_missing_parent() {
        assertThat(json("missing_parent")).isEqualTo("{\"revisions\": 3, \"heads\": [\"mp2\", \"mp3\"], "
                + "\"bases\": [\"mp1\"], \"branch_points\": [], \"merge_points\": [], \"cycles\": [], "
                + "\"missing_parents\": [{\"revision\": \"mp2\", \"parent\": \"gone99\"}], \"duplicates\": [], "
                + "\"ok\": false}");
    }

    @Test
    void reports_a_duplicate_revision_with_both_files() {
        assertThat(json("duplicate")).isEqualTo("{\"revisions\": 3, \"heads\": [\"d3\"], \"bases\": [\"d1\"], "
                + "\"branch_points\": [], \"merge_points\": [], \"cycles\": [], \"missing_parents\": [], "
                + "\"duplicates\": [{\"revision\": \"d2\", \"files\": [\"2_first.py\", \"3_second.py\"]}], "
                + "\"ok\": false}");
    }

    @Test
    void dependencies_do_not_change_heads_or_bases() {
        assertThat(json("depends_on")).isEqualTo("{\"revisions\": 5, \"heads\": [\"a1\", \"b2\"], "
                + "\"bases\": [\"a0\", \"b0\"], \"branch_points\": [], \"merge_points\": [], \"cycles\": [], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": true}");
    }

    @Test
    void reads_annotated_assignments_and_multi_line_tuples() {
        AlembicAuditResult result = AlembicAudit.audit(fixture("annotated"));

        assertThat(result.json()).isEqualTo("{\"revisions\": 6, \"heads\": [\"0006\"], \"bases\": [\"0001\"], "
                + "\"branch_points\": [\"0001\", \"0002\"], \"merge_points\": [\"0004\", \"0006\"], \"cycles\": [], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": true}");
        assertThat(result.text()).contains("skipped files: 1", "env_helpers.py");
    }

    @Test
    void resolves_branch_labels_in_depends_on() {
        AlembicAuditResult result = AlembicAudit.audit(fixture("branch_labels"));

        assertThat(result.report().heads()).containsExactly("c2", "x2");
        assertThat(result.report().bases()).containsExactly("c1", "x1");
        assertThat(result.report().ok()).isTrue();
        assertThat(result.history().branchLabels()).containsOnlyKeys("c1", "x1");
    }
}
