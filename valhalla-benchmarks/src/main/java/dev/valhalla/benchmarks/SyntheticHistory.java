package dev.valhalla.benchmarks;

import dev.valhalla.migrate.graph.GraphNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generators of synthetic revision histories for benchmarks. */
final class SyntheticHistory {

    private SyntheticHistory() {
    }

    /**
     * A DAG of {@code size} revisions: a main line where every 50th revision opens a short side branch
     * (branch point) that is merged back 10 revisions later (merge), plus a few unmerged heads.
     */
    static List<GraphNode> dag(int size, long seed) {
        Random random = new Random(seed);
        List<GraphNode> nodes = new ArrayList<>(size);
        String previous = null;
        String openBranch = null;
        for (int i = 0; i < size; i++) {
            String id = String.format("r%07d", i);
            List<String> parents = new ArrayList<>(2);
            if (previous != null) {
                parents.add(previous);
            }
            if (openBranch != null && i % 50 == 10) {
                parents.add(openBranch);
                openBranch = null;
            }
            nodes.add(GraphNode.of(id, parents, id + ".sql"));
            if (i % 50 == 0 && previous != null) {
                String branch = String.format("b%07d", i);
                nodes.add(GraphNode.of(branch, List.of(previous), branch + ".sql"));
                openBranch = branch;
            }
            if (random.nextInt(20_000) == 0 && previous != null) {
                String head = String.format("h%07d", i);
                nodes.add(GraphNode.of(head, List.of(previous), head + ".sql"));
            }
            previous = id;
        }
        return nodes;
    }

    /** Writes {@code count} small linear revisions in Valhalla's format to {@code dir}. */
    static void writeValhallaRevisions(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            String parent = i == 1 ? "" : String.format("r%05d", i - 1);
            String text = "-- id: " + String.format("r%05d", i) + "\n"
                    + "-- parents: " + parent + "\n"
                    + "-- message: table " + i + "\n\n"
                    + "-- upgrade\n" + upgradeSql(i) + "\n"
                    + "-- downgrade\nDROP TABLE t_" + i + ";\n";
            Files.writeString(dir.resolve(String.format("r%05d.sql", i)), text, StandardCharsets.UTF_8);
        }
    }

    /** Writes the same {@code count} revisions in Flyway's versioned-migration naming to {@code dir}. */
    static void writeFlywayMigrations(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            Files.writeString(dir.resolve("V" + i + "__table_" + i + ".sql"), upgradeSql(i), StandardCharsets.UTF_8);
        }
    }

    private static String upgradeSql(int i) {
        return "CREATE TABLE t_" + i + " (id bigint PRIMARY KEY, name text NOT NULL);\n"
                + "INSERT INTO t_" + i + " (id, name) VALUES (1, 'revision " + i + "');\n";
    }
}
