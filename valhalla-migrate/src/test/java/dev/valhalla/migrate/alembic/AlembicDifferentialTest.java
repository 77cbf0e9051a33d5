package dev.valhalla.migrate.alembic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.migrate.graph.GraphReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compares the audit with Alembic itself on generated histories of hundreds of revisions with
 * branches, merges and {@code depends_on}: heads, bases, branch points and merge points must be exactly
 * what Alembic's own revision map computes. Needs {@code /usr/bin/python3} with Alembic (Debian package
 * {@code python3-alembic}, installed by {@code .ci/run}); without it the test reports itself skipped.
 */
class AlembicDifferentialTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path script;

    @BeforeAll
    static void requireAlembic() throws IOException, InterruptedException, URISyntaxException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: cannot run Alembic for comparison");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import alembic").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "Alembic is not installed for /usr/bin/python3 (Debian package python3-alembic; .ci/run installs it)");
        script = Path.of(AlembicDifferentialTest.class.getResource("/alembic-differential/alembic_report.py").toURI());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void heads_bases_branch_points_and_merges_match_alembic(long seed, @TempDir Path versions) throws Exception {
        int count = writeHistory(versions, new Random(seed), 300);

        GraphReport ours = AlembicAudit.audit(versions).report();
        JsonNode alembic = runAlembic(versions);

        assertThat(ours.revisions()).isEqualTo(count).isEqualTo(alembic.path("revisions").asInt());
        assertThat(ours.heads()).isEqualTo(strings(alembic.path("heads")));
        assertThat(ours.bases()).isEqualTo(strings(alembic.path("bases")));
        assertThat(ours.branchPoints()).isEqualTo(strings(alembic.path("branch_points")));
        assertThat(ours.mergePoints()).isEqualTo(strings(alembic.path("merge_points")));
        assertThat(ours.ok()).isTrue();
    }

    /** A random valid history: mostly linear steps, some branches, merges, extra bases and depends_on. */
    private static int writeHistory(Path dir, Random random, int size) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = String.format("%012x", random.nextLong() & 0xffffffffffffL);
            List<String> parents = new ArrayList<>();
            int roll = random.nextInt(100);
            if (!ids.isEmpty() && roll >= 2) {
                parents.add(recent(ids, random));
                if (roll >= 92 && ids.size() > 3) {
                    String other = ids.get(random.nextInt(ids.size()));
                    if (!parents.contains(other)) {
                        parents.add(other);
                    }
                }
            }
            String dependsOn = !ids.isEmpty() && random.nextInt(25) == 0 ? ids.get(random.nextInt(ids.size())) : null;
            Files.writeString(dir.resolve(id + "_step_" + i + ".py"), script(id, parents, dependsOn, i), StandardCharsets.UTF_8);
            ids.add(id);
        }
        return size;
    }

    /** Mostly the newest revision (a linear history), sometimes an older one (a branch). */
    private static String recent(List<String> ids, Random random) {
        int back = random.nextInt(10) < 8 ? 0 : random.nextInt(Math.min(ids.size(), 30));
        return ids.get(ids.size() - 1 - back);
    }

    private static String script(String id, List<String> parents, String dependsOn, int style) {
        String down = switch (parents.size()) {
            case 0 -> "None";
            case 1 -> "'" + parents.get(0) + "'";
            default -> style % 2 == 0
                    ? "('" + parents.get(0) + "', '" + parents.get(1) + "')"
                    : "[\n    \"" + parents.get(0) + "\",\n    \"" + parents.get(1) + "\",\n]";
        };
        String header = style % 3 == 0
                ? "revision: str = '" + id + "'\ndown_revision: Union[str, Sequence[str], None] = " + down + "\n"
                : "revision = \"" + id + "\"\ndown_revision = " + down + "\n";
        return "\"\"\"step " + style + "\n\nRevision ID: " + id + "\n\"\"\"\n"
                + "from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
                + header
                + "branch_labels = None\n"
                + "depends_on = " + (dependsOn == null ? "None" : "'" + dependsOn + "'") + "\n\n\n"
                + "def upgrade() -> None:\n    op.execute(\"SELECT 1\")\n\n\n"
                + "def downgrade() -> None:\n    pass\n";
    }

    private static JsonNode runAlembic(Path versions) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), versions.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("alembic finished").isTrue();
        assertThat(process.exitValue()).as("alembic exit code").isZero();
        return JSON.readTree(out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
