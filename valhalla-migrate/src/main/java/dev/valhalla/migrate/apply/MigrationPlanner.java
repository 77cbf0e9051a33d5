package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which revisions a run applies or un-applies, and in which order, from the graph and the history.
 * Every refusal happens here, before any SQL runs.
 */
final class MigrationPlanner {

    static final String HEADS = "heads";
    static final String BASE = "base";
    private static final Pattern RELATIVE = Pattern.compile("-\\d+");

    private final RevisionGraph graph;

    MigrationPlanner(RevisionGraph graph) {
        this.graph = graph;
    }

    /**
     * Refuses a target that names no revision file, before any connection is opened.
     *
     * @param relativeAllowed whether {@code -N} is accepted (downgrade only)
     */
    void checkTarget(String target, boolean relativeAllowed) {
        if (target == null || HEADS.equals(target) || BASE.equals(target)) {
            return;
        }
        if (RELATIVE.matcher(target).matches()) {
            if (!relativeAllowed) {
                throw new MigrationPlanException("a relative target (" + target + ") is only valid for downgrade");
            }
            count(target);
            return;
        }
        requireKnown(target);
    }

    /** Not-applied revisions up to {@code target} (null or "heads": all), parents before children. */
    List<Revision> upgrade(String target, Set<String> applied) {
        Set<String> wanted = wantedUpTo(target == null ? HEADS : target);
        return graph.topologicalOrder().stream()
                .filter(revision -> wanted.contains(revision.id()) && !applied.contains(revision.id()))
                .toList();
    }

    /**
     * Revisions to un-apply, children before parents: the applied descendants of {@code target} (kept
     * applied), every applied revision for "base", or the last N applied for "-N".
     */
    List<Revision> downgrade(String target, List<HistoryEntry> history) {
        Set<String> applied = ids(history);
        List<Revision> plan;
        if (RELATIVE.matcher(target).matches()) {
            plan = lastApplied(count(target), history);
        } else if (BASE.equals(target)) {
            refuseUnknown(applied);
            plan = reverseTopological(applied);
        } else {
            requireKnown(target);
            Set<String> below = new HashSet<>(graph.descendants(target));
            below.remove(target);
            below.retainAll(applied);
            plan = reverseTopological(below);
        }
        requireDowngradeSections(plan);
        return plan;
    }

    /** The ids the history must hold after stamping {@code target}, parents before children. */
    List<Revision> stamp(String target) {
        Set<String> wanted = BASE.equals(target) ? Set.of() : wantedUpTo(target);
        return graph.topologicalOrder().stream().filter(revision -> wanted.contains(revision.id())).toList();
    }

    private Set<String> wantedUpTo(String target) {
        if (HEADS.equals(target)) {
            Set<String> all = new HashSet<>();
            graph.topologicalOrder().forEach(revision -> all.add(revision.id()));
            return all;
        }
        requireKnown(target);
        return graph.ancestors(target);
    }

    private static int count(String relative) {
        try {
            return Integer.parseInt(relative.substring(1));
        } catch (NumberFormatException e) {
            throw new MigrationPlanException("not a revision count: " + relative);
        }
    }

    private List<Revision> lastApplied(int count, List<HistoryEntry> history) {
        if (count < 1 || count > history.size()) {
            throw new MigrationPlanException("cannot un-apply " + count + " revisions: " + history.size()
                    + " are applied");
        }
        List<HistoryEntry> removed = history.subList(history.size() - count, history.size());
        Set<String> removedIds = ids(removed);
        refuseUnknown(removedIds);
        List<String> orphans = new ArrayList<>();
        for (HistoryEntry kept : history.subList(0, history.size() - count)) {
            if (graph.contains(kept.id())) {
                graph.get(kept.id()).parents().stream().filter(removedIds::contains)
                        .forEach(parent -> orphans.add(kept.id() + " (child of " + parent + ")"));
            }
        }
        if (!orphans.isEmpty()) {
            throw new MigrationPlanException("cannot un-apply the last " + count + " revisions: these would stay "
                    + "applied without their parent: " + String.join(", ", orphans)
                    + "; downgrade to a revision id instead");
        }
        List<Revision> plan = new ArrayList<>();
        for (int index = removed.size() - 1; index >= 0; index--) {
            plan.add(graph.get(removed.get(index).id()));
        }
        return plan;
    }

    private List<Revision> reverseTopological(Set<String> selected) {
        List<Revision> plan = new ArrayList<>(graph.topologicalOrder().stream()
                .filter(revision -> selected.contains(revision.id())).toList());
        return plan.reversed();
    }

    private void refuseUnknown(Set<String> applied) {
        List<String> unknown = applied.stream().filter(id -> !graph.contains(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new MigrationPlanException("cannot un-apply revisions that have no file: "
                    + String.join(", ", unknown) + "; restore their files or use stamp");
        }
    }

    private void requireKnown(String target) {
        if (!graph.contains(target)) {
            throw new MigrationPlanException("unknown revision '" + target + "': not among the " + graph.size()
                    + " revision files (use a revision id, 'heads' or 'base')");
        }
    }

    private static void requireDowngradeSections(List<Revision> plan) {
        List<String> without = plan.stream().filter(revision -> !revision.hasDowngrade())
                .map(revision -> revision.id() + " (" + revision.file() + ")").toList();
        if (!without.isEmpty()) {
            throw new MigrationPlanException("cannot downgrade: no downgrade section in " + String.join(", ", without));
        }
    }

    static Set<String> ids(List<HistoryEntry> history) {
        Set<String> ids = new LinkedHashSet<>();
        history.forEach(entry -> ids.add(entry.id()));
        return ids;
    }
}
