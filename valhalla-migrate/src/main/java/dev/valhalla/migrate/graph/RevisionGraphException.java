package dev.valhalla.migrate.graph;

import dev.valhalla.migrate.MigrateException;

/** The revisions do not form a usable graph: cycles, missing parents or duplicate ids. Exit code 1. */
public final class RevisionGraphException extends MigrateException {

    private final GraphReport report;

    /** A failure carrying the full report; the message summarizes every finding. */
    public RevisionGraphException(GraphReport report) {
        super(summary(report), EXIT_FAILED);
        this.report = report;
    }

    /** Every finding of the check that failed. */
    public GraphReport report() {
        return report;
    }

    private static String summary(GraphReport report) {
        StringBuilder message = new StringBuilder("revision graph is broken: ")
                .append(report.cycles().size()).append(" cycle(s), ")
                .append(report.missingParents().size()).append(" missing parent(s), ")
                .append(report.duplicates().size()).append(" duplicate id(s)");
        for (Cycle cycle : report.cycles()) {
            message.append("\n  cycle ").append(cycle.arrows())
                    .append(" (remove parent ").append(cycle.closingParent()).append(" from ")
                    .append(cycle.closingChild()).append(" in ").append(cycle.closingFile()).append(')');
        }
        for (MissingParent missing : report.missingParents()) {
            message.append("\n  missing parent ").append(missing.parent()).append(" of ")
                    .append(missing.revision()).append(" (").append(missing.file()).append(')');
        }
        for (DuplicateRevision duplicate : report.duplicates()) {
            message.append("\n  duplicate id ").append(duplicate.revision()).append(" in ")
                    .append(String.join(", ", duplicate.files()));
        }
        return message.toString();
    }
}
