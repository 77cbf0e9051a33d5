package dev.valhalla.migrate.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Large generated revision graphs whose heads and merges are known by construction. */
final class SyntheticGraphs {

    private SyntheticGraphs() {
    }

    /** A single chain r000000 <- r000001 <- ... of {@code length} revisions. */
    static List<GraphNode> chain(int length) {
        List<GraphNode> nodes = new ArrayList<>(length);
        for (int position = 0; position < length; position++) {
            List<String> parents = position == 0 ? List.of() : List.of(id(position - 1));
            nodes.add(GraphNode.of(id(position), parents, id(position) + ".sql"));
        }
        return nodes;
    }

    /**
     * {@code blocks} blocks of 10 revisions on one spine: in each block the spine revision branches into two
     * lines of four that a merge revision joins again; the last block also leaves one extra open head. So there
     * are {@code blocks} branch points, {@code blocks} merges and two heads.
     *
     * <pre>
     *   spine -> a1 -> a2 -> a3 -> a4 -> merge (next spine)
     *   spine -> b1 -> b2 -> b3 -> b4 -> merge
     * </pre>
     */
    static List<GraphNode> braided(int blocks) {
        List<GraphNode> nodes = new ArrayList<>(blocks * 10 + 2);
        String spine = "s000000";
        nodes.add(GraphNode.of(spine, List.of(), "s.sql"));
        for (int block = 0; block < blocks; block++) {
            String left = spine;
            String right = spine;
            for (int step = 1; step <= 4; step++) {
                String nextLeft = "a" + block + "_" + step;
                String nextRight = "b" + block + "_" + step;
                nodes.add(GraphNode.of(nextLeft, List.of(left), nextLeft + ".sql"));
                nodes.add(GraphNode.of(nextRight, List.of(right), nextRight + ".sql"));
                left = nextLeft;
                right = nextRight;
            }
            String merge = "m" + block;
            nodes.add(GraphNode.of(merge, List.of(left, right), merge + ".sql"));
            // a side revision on the merge keeps the count at 10 per block without adding a head
            String side = "t" + block;
            nodes.add(GraphNode.of(side, List.of(merge), side + ".sql"));
            spine = side;
        }
        nodes.add(GraphNode.of("head_extra", List.of("s000000"), "head_extra.sql"));
        return nodes;
    }

    /** A random DAG: every revision takes one to three parents among the earlier ones. */
    static List<GraphNode> randomDag(int size, long seed) {
        Random random = new Random(seed);
        List<GraphNode> nodes = new ArrayList<>(size);
        for (int position = 0; position < size; position++) {
            List<String> parents = new ArrayList<>();
            if (position > 0 && random.nextInt(20) != 0) {
                int count = 1 + random.nextInt(Math.min(3, position));
                for (int parent = 0; parent < count; parent++) {
                    String candidate = id(random.nextInt(position));
                    if (!parents.contains(candidate)) {
                        parents.add(candidate);
                    }
                }
            }
            nodes.add(GraphNode.of(id(position), parents, id(position) + ".sql"));
        }
        // shuffle ids away from creation order so that id order is not already a topological order
        List<GraphNode> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        return shuffled;
    }

    static String id(int position) {
        return String.format("r%06d", position);
    }
}
