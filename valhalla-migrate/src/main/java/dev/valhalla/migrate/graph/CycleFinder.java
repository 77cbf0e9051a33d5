package dev.valhalla.migrate.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one cyclic strongly connected component into exact cycles whose closing edges, removed together,
 * leave the component acyclic.
 *
 * <p>Each round takes every component that is still cyclic, finds the shortest cycle through its smallest id
 * (breadth-first, so the path is the easiest one to read), reports it and removes its closing edge; then the
 * components are computed again. A component that is a single loop is done after one round.
 */
final class CycleFinder {

    private final String[] ids;
    private final String[] files;
    private final int[] members;
    private final int[][] adjacency;

    /**
     * @param ids       id of each global node
     * @param files     file of each global node
     * @param component global indexes of the component's nodes
     * @param edges     global child-to-parent (and dependency) edges
     */
    CycleFinder(String[] ids, String[] files, int[] component, int[][] edges) {
        this.ids = ids;
        this.files = files;
        // local order is id order, so the smallest local index is the smallest id
        this.members = Arrays.stream(component).boxed()
                .sorted(Comparator.comparing(node -> ids[node]))
                .mapToInt(Integer::intValue).toArray();
        Map<Integer, Integer> local = new HashMap<>();
        for (int position = 0; position < members.length; position++) {
            local.put(members[position], position);
        }
        this.adjacency = new int[members.length][];
        for (int position = 0; position < members.length; position++) {
            adjacency[position] = Arrays.stream(edges[members[position]])
                    .filter(local::containsKey).map(local::get).sorted().toArray();
        }
    }

    /** Every cycle found until the component is acyclic. */
    List<Cycle> cycles() {
        List<Cycle> found = new ArrayList<>();
        int[] mark = new int[members.length];
        int round = 0;
        while (true) {
            List<int[]> cyclic = StronglyConnectedComponents.cyclic(adjacency);
            if (cyclic.isEmpty()) {
                return found;
            }
            for (int[] component : cyclic) {
                round++;
                int start = Integer.MAX_VALUE;
                for (int node : component) {
                    mark[node] = round;
                    start = Math.min(start, node);
                }
                found.add(shortestCycleThrough(start, mark, round));
            }
        }
    }

    private Cycle shortestCycleThrough(int start, int[] mark, int round) {
        int[] predecessor = new int[members.length];
        Arrays.fill(predecessor, -2);
        int[] queue = new int[members.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        predecessor[start] = -1;
        while (head < tail) {
            int node = queue[head++];
            for (int target : adjacency[node]) {
                if (target == start) {
                    return closeCycle(start, node, predecessor);
                }
                if (mark[target] == round && predecessor[target] == -2) {
                    predecessor[target] = node;
                    queue[tail++] = target;
                }
            }
        }
        throw new IllegalStateException("no cycle through " + ids[members[start]] + " in a cyclic component");
    }

    /**
     * Edges point from child to parent, so the chain start -> ... -> last -> start walked backwards through
     * the predecessors is already the upgrade direction: start, last, ..., first parent of start, start.
     */
    private Cycle closeCycle(int start, int last, int[] predecessor) {
        List<String> path = new ArrayList<>();
        List<String> pathFiles = new ArrayList<>();
        path.add(ids[members[start]]);
        pathFiles.add(files[members[start]]);
        int closingParent = last;
        for (int node = last; node != start; node = predecessor[node]) {
            path.add(ids[members[node]]);
            pathFiles.add(files[members[node]]);
            closingParent = node;
        }
        path.add(ids[members[start]]);
        removeEdge(start, closingParent);
        return new Cycle(path, pathFiles, ids[members[start]], ids[members[closingParent]], files[members[start]]);
    }

    private void removeEdge(int child, int parent) {
        adjacency[child] = Arrays.stream(adjacency[child]).filter(target -> target != parent).toArray();
    }
}
