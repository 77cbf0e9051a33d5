package dev.valhalla.benchmarks;

import dev.valhalla.migrate.graph.GraphAnalyzer;
import dev.valhalla.migrate.graph.GraphNode;
import dev.valhalla.migrate.graph.GraphReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Full graph report (cycles, heads, bases, branch points, merges) on a synthetic DAG. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GraphAnalysisBenchmark {

    @Param({"100000"})
    public int revisions;

    private List<GraphNode> nodes;

    @Setup
    public void build() {
        nodes = SyntheticHistory.dag(revisions, 42);
    }

    @Benchmark
    public GraphReport analyze() {
        return GraphAnalyzer.analyze(nodes);
    }
}
