package dev.valhalla.migrate.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tarjan's strongly connected components, iterative so that a chain of any length cannot overflow the stack.
 * Linear in nodes + edges.
 */
final class StronglyConnectedComponents {

    private StronglyConnectedComponents() {
    }

    /**
     * The components that contain a cycle: those with two or more nodes, and single nodes with an edge to
     * themselves.
     *
     * @param adjacency {@code adjacency[v]} lists the targets of v's edges
     * @return each cyclic component as an array of node indexes
     */
    static List<int[]> cyclic(int[][] adjacency) {
        int count = adjacency.length;
        int[] index = new int[count];
        int[] lowLink = new int[count];
        Arrays.fill(index, -1);
        boolean[] onStack = new boolean[count];
        int[] componentStack = new int[count];
        int componentTop = 0;
        // the explicit call stack: node and the position of the next edge to follow
        int[] callNode = new int[count];
        int[] callEdge = new int[count];
        int nextIndex = 0;
        List<int[]> result = new ArrayList<>();

        for (int root = 0; root < count; root++) {
            if (index[root] != -1) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = lowLink[root] = nextIndex++;
            componentStack[componentTop++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int node = callNode[depth];
                int[] targets = adjacency[node];
                if (callEdge[depth] < targets.length) {
                    int target = targets[callEdge[depth]++];
                    if (index[target] == -1) {
                        index[target] = lowLink[target] = nextIndex++;
                        componentStack[componentTop++] = target;
                        onStack[target] = true;
                        depth++;
                        callNode[depth] = target;
                        callEdge[depth] = 0;
                    } else if (onStack[target]) {
                        lowLink[node] = Math.min(lowLink[node], index[target]);
                    }
                    continue;
                }
                if (lowLink[node] == index[node]) {
                    int size = 0;
                    while (componentStack[componentTop - 1 - size] != node) {
                        size++;
                    }
                    size++;
                    int[] component = Arrays.copyOfRange(componentStack, componentTop - size, componentTop);
                    componentTop -= size;
                    for (int member : component) {
                        onStack[member] = false;
                    }
                    if (size > 1 || hasSelfLoop(adjacency, node)) {
                        result.add(component);
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
                }
            }
        }
        return result;
    }

    private static boolean hasSelfLoop(int[][] adjacency, int node) {
        for (int target : adjacency[node]) {
            if (target == node) {
                return true;
            }
        }
        return false;
    }
}
