package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.graph.GraphAnalyzer;
import dev.valhalla.migrate.graph.GraphFormats;
import dev.valhalla.migrate.graph.GraphReport;

import java.nio.file.Path;

/**
 * Audits an Alembic {@code versions/} folder: the graph report, with the fix for each problem. Stateless and
 * thread-safe.
 */
public final class AlembicAudit {

    /** How Alembic joins several heads into one. */
    public static final String ALEMBIC_MERGE_COMMAND = "`alembic merge -m \"merge heads\" heads`";

    private AlembicAudit() {
    }

    /**
     * Reads and checks the folder.
     *
     * @throws AlembicReadException when the folder cannot be listed
     */
    public static AlembicAuditResult audit(Path versionsDir) {
        AlembicHistory history = AlembicVersionsReader.load(versionsDir);
        GraphReport report = GraphAnalyzer.analyze(history.nodes());
        StringBuilder text = new StringBuilder(GraphFormats.reportText(report, ALEMBIC_MERGE_COMMAND));
        if (!history.problems().isEmpty()) {
            text.append("unreadable files: ").append(history.problems().size()).append('\n');
            history.problems().forEach(problem -> text.append("  ").append(problem.describe()).append('\n'));
        }
        if (!history.notes().isEmpty()) {
            text.append("skipped files: ").append(history.notes().size()).append('\n');
            history.notes().forEach(note -> text.append("  ").append(note.describe()).append('\n'));
        }
        return new AlembicAuditResult(history, report, text.toString());
    }
}
