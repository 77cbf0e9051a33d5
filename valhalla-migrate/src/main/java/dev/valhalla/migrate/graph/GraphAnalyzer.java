package dev.valhalla.migrate.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a revision graph and collects every finding in one pass: duplicates, missing parents, heads, bases,
 * branch points, merge points and cycles.
 *
 * <p>The definitions follow Alembic's {@code RevisionMap}: a head is a revision no other revision names as
 * parent (dependencies do not count), a base has no parent, a branch point is named as parent by two or more
 * revisions, a merge point names two or more parents. Cycles are searched over parent and dependency edges.
 * When an id is declared twice, the first occurrence in the given order is the one analysed.
 *
 * <p>Linear in nodes + edges (plus sorting the reported lists); all traversals are iterative. Stateless and
 * thread-safe.
 */
public final class GraphAnalyzer {

    private GraphAnalyzer() {
    }

    /**
     * Analyses the graph formed by {@code nodes}.
     *
     * @param nodes the revisions, in the order their files were read
     * @return every finding; {@link GraphReport#ok()} tells whether the graph is usable
     */
    public static GraphReport analyze(Collection<GraphNode> nodes) {
        Map<String, Integer> indexById = new HashMap<>(nodes.size() * 2);
        Map<String, List<String>> filesById = new HashMap<>();
        List<GraphNode> unique = new ArrayList<>(nodes.size());
        for (GraphNode node : nodes) {
            Integer first = indexById.putIfAbsent(node.id(), unique.size());
            if (first == null) {
                unique.add(node);
            } else {
                filesById.computeIfAbsent(node.id(), id -> new ArrayList<>(List.of(unique.get(first).file())))
                        .add(node.file());
            }
        }
        int count = unique.size();
        String[] ids = new String[count];
        String[] files = new String[count];
        int[][] edges = new int[count][];
        int[] children = new int[count];
        List<MissingParent> missing = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        List<String> mergePoints = new ArrayList<>();
        for (int position = 0; position < count; position++) {
            GraphNode node = unique.get(position);
            ids[position] = node.id();
            files[position] = node.file();
            edges[position] = edgesOf(node, indexById, children, missing);
            if (node.parents().isEmpty()) {
                bases.add(node.id());
            }
            // Alembic's is_merge_point counts the down_revision tuple as written
            if (node.parents().size() > 1) {
                mergePoints.add(node.id());
            }
        }
        List<String> heads = new ArrayList<>();
        List<String> branchPoints = new ArrayList<>();
        classifyByChildren(ids, children, heads, branchPoints);
        List<Cycle> cycles = new ArrayList<>();
        for (int[] component : StronglyConnectedComponents.cyclic(edges)) {
            cycles.addAll(new CycleFinder(ids, files, component, edges).cycles());
        }
        cycles.sort(Comparator.comparing(Cycle::path, GraphAnalyzer::compareLists));
        missing.sort(Comparator.comparing(MissingParent::revision).thenComparing(MissingParent::parent));
        return new GraphReport(count, sorted(heads), sorted(bases), sorted(branchPoints), sorted(mergePoints),
                cycles, missing, duplicates(filesById));
    }

    /**
     * The deduplicated child-to-parent and child-to-dependency edges of one node. Counts distinct children per
     * parent along the way (parents only, as Alembic's {@code nextrev}) and records missing targets.
     */
    private static int[] edgesOf(GraphNode node, Map<String, Integer> indexById, int[] children,
                                 List<MissingParent> missing) {
        int parentCount = node.parents().size();
        int[] edges = new int[parentCount + node.dependencies().size()];
        int size = 0;
        for (int position = 0; position < edges.length; position++) {
            String target = position < parentCount
                    ? node.parents().get(position)
                    : node.dependencies().get(position - parentCount);
            Integer index = indexById.get(target);
            if (index == null) {
                if (!declaredBefore(node, position, target)) {
                    missing.add(new MissingParent(node.id(), target, node.file()));
                }
            } else if (!contains(edges, size, index)) {
                edges[size++] = index;
                if (position < parentCount) {
                    children[index]++;
                }
            }
        }
        return size == edges.length ? edges : Arrays.copyOf(edges, size);
    }

    /** Heads have no child naming them as parent; branch points have two or more. */
    private static void classifyByChildren(String[] ids, int[] children, List<String> heads,
                                           List<String> branchPoints) {
        for (int position = 0; position < ids.length; position++) {
            if (children[position] == 0) {
                heads.add(ids[position]);
            } else if (children[position] > 1) {
                branchPoints.add(ids[position]);
            }
        }
    }

    /** Nodes name a handful of parents, so a scan beats allocating a set per node. */
    private static boolean contains(int[] values, int size, int value) {
        for (int position = 0; position < size; position++) {
            if (values[position] == value) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaredBefore(GraphNode node, int position, String target) {
        int parentCount = node.parents().size();
        for (int earlier = 0; earlier < position; earlier++) {
            String other = earlier < parentCount
                    ? node.parents().get(earlier)
                    : node.dependencies().get(earlier - parentCount);
            if (other.equals(target)) {
                return true;
            }
        }
        return false;
    }

    private static List<DuplicateRevision> duplicates(Map<String, List<String>> filesById) {
        List<DuplicateRevision> duplicates = new ArrayList<>();
        filesById.forEach((id, files) -> duplicates.add(new DuplicateRevision(id, sorted(files))));
        duplicates.sort(Comparator.comparing(DuplicateRevision::revision));
        return duplicates;
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(Comparator.naturalOrder());
        return copy;
    }

    private static int compareLists(List<String> left, List<String> right) {
        for (int position = 0; position < Math.min(left.size(), right.size()); position++) {
            int order = left.get(position).compareTo(right.get(position));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
