package dev.valhalla.migrate.graph;

import dev.valhalla.migrate.revision.Revision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A checked, acyclic graph of revisions (parents only). Immutable and thread-safe once built.
 */
public final class RevisionGraph {

    private final Map<String, Revision> byId;
    private final Map<String, List<String>> children;
    private final NavigableSet<String> sortedIds;
    private final GraphReport report;
    private final List<Revision> topologicalOrder;

    private RevisionGraph(Map<String, Revision> byId, Map<String, List<String>> children, GraphReport report) {
        this.byId = byId;
        this.children = children;
        this.sortedIds = Collections.unmodifiableNavigableSet(new TreeSet<>(byId.keySet()));
        this.report = report;
        this.topologicalOrder = List.copyOf(kahn());
    }

    /**
     * Checks the revisions and builds the graph.
     *
     * @throws RevisionGraphException when there are cycles, missing parents or duplicate ids (all reported)
     */
    public static RevisionGraph of(List<Revision> revisions) {
        List<GraphNode> nodes = new ArrayList<>(revisions.size());
        for (Revision revision : revisions) {
            nodes.add(GraphNode.of(revision.id(), revision.parents(), String.valueOf(revision.file())));
        }
        GraphReport report = GraphAnalyzer.analyze(nodes);
        if (!report.ok()) {
            throw new RevisionGraphException(report);
        }
        Map<String, Revision> byId = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (Revision revision : revisions) {
            byId.put(revision.id(), revision);
            for (String parent : new LinkedHashSet<>(revision.parents())) {
                children.computeIfAbsent(parent, id -> new ArrayList<>()).add(revision.id());
            }
        }
        children.values().forEach(list -> list.sort(null));
        return new RevisionGraph(byId, children, report);
    }

    /**
     * The revision with this id.
     *
     * @throws UnknownRevisionException when no revision has this id
     */
    public Revision get(String id) {
        Revision revision = byId.get(id);
        if (revision == null) {
            throw new UnknownRevisionException(id);
        }
        return revision;
    }

    /**
     * The revision with this id, or else the only revision whose id starts with {@code idOrPrefix}.
     *
     * @throws UnknownRevisionException when nothing matches, or several ids share the prefix (listed)
     */
    public Revision resolve(String idOrPrefix) {
        Revision exact = byId.get(idOrPrefix);
        if (exact != null) {
            return exact;
        }
        List<String> matches = new ArrayList<>();
        for (String id : sortedIds.tailSet(idOrPrefix, true)) {
            if (!id.startsWith(idOrPrefix)) {
                break;
            }
            matches.add(id);
        }
        if (matches.isEmpty() || idOrPrefix.isEmpty()) {
            throw new UnknownRevisionException(idOrPrefix);
        }
        if (matches.size() > 1) {
            throw new UnknownRevisionException(idOrPrefix, matches);
        }
        return byId.get(matches.get(0));
    }

    /** Whether a revision has this id. */
    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Every revision, parents before children; among revisions ready at the same time, smallest id first. */
    public List<Revision> topologicalOrder() {
        return topologicalOrder;
    }

    /** The revision and everything it depends on, transitively through parents. */
    public Set<String> ancestors(String id) {
        return reachable(id, revisionId -> byId.get(revisionId).parents());
    }

    /** The revision and everything built on it, transitively through children. */
    public Set<String> descendants(String id) {
        return reachable(id, revisionId -> children.getOrDefault(revisionId, List.of()));
    }

    /** Revisions no other revision names as parent, sorted. */
    public List<String> heads() {
        return report.heads();
    }

    /** Revisions without parents, sorted. */
    public List<String> bases() {
        return report.bases();
    }

    /** The check this graph passed (heads, bases, branch points, merge points). */
    public GraphReport report() {
        return report;
    }

    /** Number of revisions. */
    public int size() {
        return byId.size();
    }

    private Set<String> reachable(String id, Function<String, List<String>> next) {
        get(id);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        seen.add(id);
        pending.add(id);
        while (!pending.isEmpty()) {
            for (String neighbour : next.apply(pending.poll())) {
                if (seen.add(neighbour)) {
                    pending.add(neighbour);
                }
            }
        }
        return Collections.unmodifiableSet(seen);
    }

    /** Kahn's algorithm with a priority queue: deterministic, O((n + e) log n). */
    private List<Revision> kahn() {
        Map<String, Integer> waiting = new HashMap<>();
        PriorityQueue<String> ready = new PriorityQueue<>();
        for (Revision revision : byId.values()) {
            int parents = new LinkedHashSet<>(revision.parents()).size();
            waiting.put(revision.id(), parents);
            if (parents == 0) {
                ready.add(revision.id());
            }
        }
        List<Revision> order = new ArrayList<>(byId.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(byId.get(id));
            for (String child : children.getOrDefault(id, List.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return order;
    }
}
