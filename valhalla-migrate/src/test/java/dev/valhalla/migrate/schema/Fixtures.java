package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.RevisionDirectory;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision folders under {@code src/test/resources/schema/}. */
final class Fixtures {

    private Fixtures() {
    }

    static RevisionGraph graph(String scenario) {
        try {
            Path folder = Path.of(Fixtures.class.getResource("/schema/" + scenario).toURI());
            RevisionDirectory.LoadResult loaded = RevisionDirectory.load(folder);
            assertThat(loaded.errors()).isEmpty();
            return RevisionGraph.of(loaded.revisions());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
