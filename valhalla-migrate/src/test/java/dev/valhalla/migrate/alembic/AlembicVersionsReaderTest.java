package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.graph.GraphNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.valhalla.migrate.alembic.AlembicAuditTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlembicVersionsReaderTest {

    @Test
    void reads_every_form_of_down_revision_and_depends_on() {
        List<GraphNode> nodes = AlembicVersionsReader.read(fixture("annotated"));

        assertThat(nodes).containsExactly(
                new GraphNode("0001", List.of(), List.of(), "0001_base.py"),
                new GraphNode("0002", List.of("0001"), List.of(), "0002_left.py"),
                new GraphNode("0003", List.of("0001"), List.of(), "0003_right.py"),
                new GraphNode("0006", List.of("0005", "0002"), List.of(), "0006_bare_tuple.py"),
                new GraphNode("0004", List.of("0002", "0003"), List.of(), "sub/0004_merge.py"),
                new GraphNode("0005", List.of("0004"), List.of("0002", "0003"), "sub/0005_list.py"));
    }

    @Test
    void skips_init_pycache_and_files_without_revision_with_a_note() {
        AlembicHistory history = AlembicVersionsReader.load(fixture("linear"));

        assertThat(history.nodes()).extracting(GraphNode::file)
                .containsExactly("a_init.py", "b_users.py", "c_orders.py");
        assertThat(history.problems()).isEmpty();

        AlembicHistory annotated = AlembicVersionsReader.load(fixture("annotated"));
        assertThat(annotated.notes()).extracting(AlembicFileProblem::file).containsExactly("env_helpers.py");
    }

    @Test
    void resolves_branch_labels_to_revisions() {
        AlembicHistory history = AlembicVersionsReader.load(fixture("branch_labels"));

        assertThat(history.nodes()).filteredOn(node -> node.id().equals("x1"))
                .extracting(GraphNode::dependencies).containsExactly(List.of("c1"));
        assertThat(history.branchLabels()).containsEntry("c1", List.of("core")).containsEntry("x1", List.of("audit"));

        AlembicHistory dependsOn = AlembicVersionsReader.load(fixture("depends_on"));
        assertThat(dependsOn.nodes()).filteredOn(node -> node.id().equals("b2"))
                .extracting(GraphNode::dependencies).containsExactly(List.of("a0", "a0"));
    }

    @Test
    void reports_a_value_it_cannot_read_with_its_line(@TempDir Path versions) throws IOException {
        Files.writeString(versions.resolve("a.py"), "revision = 'a'\n\ndown_revision = compute()\n");
        Files.writeString(versions.resolve("b.py"), "revision = 'b'\ndown_revision = ('a',\n");

        AlembicHistory history = AlembicVersionsReader.load(versions);

        assertThat(history.nodes()).isEmpty();
        assertThat(history.problems()).extracting(AlembicFileProblem::describe).containsExactly(
                "a.py:3: cannot read the value of down_revision: expected a string literal, None, a tuple or a list",
                "b.py:3: cannot read the value of down_revision: expected a string literal, None, a tuple or a list");
        assertThat(AlembicAudit.audit(versions).exitCode()).isEqualTo(MigrateException.EXIT_FAILED);
    }

    @Test
    void reports_a_file_that_is_not_utf8(@TempDir Path versions) throws IOException {
        Files.write(versions.resolve("bad.py"), new byte[] {'r', '=', (byte) 0xff, (byte) 0xfe});

        assertThat(AlembicVersionsReader.load(versions).problems()).extracting(AlembicFileProblem::describe)
                .containsExactly("bad.py: not UTF-8 text");
    }

    @Test
    void refuses_a_folder_that_does_not_exist(@TempDir Path parent) {
        assertThatThrownBy(() -> AlembicVersionsReader.read(parent.resolve("nope")))
                .isInstanceOfSatisfying(AlembicReadException.class,
                        failure -> assertThat(failure.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT));
    }

    @Test
    void ignores_assignments_inside_docstrings_functions_and_strings(@TempDir Path versions) throws IOException {
        Files.writeString(versions.resolve("a.py"), """
                '''
                revision = 'docstring'
                '''
                x = "revision = 'string'"
                revision = 'real'
                if True:
                    revision = 'indented'
                down_revision: 'Optional[str]' = None  # comment
                revision_note = 'other name'
                def f():
                    return {
                revision: 1}
                """);

        assertThat(AlembicVersionsReader.read(versions))
                .containsExactly(new GraphNode("real", List.of(), List.of(), "a.py"));
    }
}
