package dev.valhalla.migrate.graph;

import java.util.Arrays;
import java.util.List;

/**
 * Times {@link GraphAnalyzer#analyze} on a synthetic 100,000-revision DAG with branches and merges: warms up,
 * then prints the median of 10 runs.
 */
public final class GraphBenchmarkMain {

    private GraphBenchmarkMain() {
    }

    public static void main(String[] arguments) {
        int blocks = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 10_000;
        List<GraphNode> nodes = SyntheticGraphs.braided(blocks);
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            GraphAnalyzer.analyze(nodes);
        }
        long[] millis = new long[10];
        GraphReport report = null;
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            report = GraphAnalyzer.analyze(nodes);
            millis[run] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("revisions=%d heads=%d branch_points=%d merges=%d median=%d ms (min %d, max %d)%n",
                report.revisions(), report.heads().size(), report.branchPoints().size(),
                report.mergePoints().size(), (millis[4] + millis[5]) / 2, millis[0], millis[9]);
    }
}
