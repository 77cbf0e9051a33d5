package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compares the history with the revision files. */
final class StatusReport {

    private final RevisionGraph graph;

    StatusReport(RevisionGraph graph) {
        this.graph = graph;
    }

    MigrationStatus describe(List<HistoryEntry> history) {
        Set<String> applied = MigrationPlanner.ids(history);
        List<String> pending = graph.topologicalOrder().stream()
                .map(Revision::id).filter(id -> !applied.contains(id)).toList();
        List<String> edited = history.stream()
                .filter(entry -> graph.contains(entry.id()))
                .filter(entry -> !graph.get(entry.id()).checksum().equals(entry.checksum()))
                .map(HistoryEntry::id).toList();
        List<String> unknown = history.stream().map(HistoryEntry::id).filter(id -> !graph.contains(id)).toList();
        return new MigrationStatus(history, pending, edited, unknown, current(history, applied));
    }

    /** Applied revisions that no applied revision names as parent. */
    private List<String> current(List<HistoryEntry> history, Set<String> applied) {
        Set<String> parentsOfApplied = new HashSet<>();
        for (String id : applied) {
            if (graph.contains(id)) {
                parentsOfApplied.addAll(graph.get(id).parents());
            }
        }
        return history.stream().map(HistoryEntry::id).filter(id -> !parentsOfApplied.contains(id)).toList();
    }
}
