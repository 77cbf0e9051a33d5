package dev.valhalla.server.core.db;

import dev.valhalla.migrate.graph.GraphAnalyzer;
import dev.valhalla.migrate.graph.GraphNode;
import dev.valhalla.migrate.graph.GraphReport;
import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.RevisionDirectory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's own schema history is a clean graph with one head, so "schema at head" means one thing. */
class ServerRevisionGraphTest {

    @Test
    void server_revisions_have_a_single_head_and_no_findings() {
        RevisionDirectory.LoadResult loaded = RevisionDirectory.load(Path.of("src/main/resources", SchemaMigration.CLASSPATH_FOLDER));
        assertThat(loaded.errors()).isEmpty();
        List<GraphNode> nodes = loaded.revisions().stream()
                .map((Revision r) -> GraphNode.of(r.id(), r.parents(), r.file().toString()))
                .toList();
        GraphReport report = GraphAnalyzer.analyze(nodes);
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.heads()).hasSize(1);
        assertThat(report.bases()).hasSize(1);
    }
}
