package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.graph.GraphFormats;
import dev.valhalla.migrate.graph.GraphReport;

/**
 * The outcome of {@link AlembicAudit#audit}.
 *
 * @param history what was read
 * @param report  the graph findings
 * @param text    the human report with fixes, followed by unreadable and skipped files
 */
public record AlembicAuditResult(AlembicHistory history, GraphReport report, String text) {

    /** Whether the graph is sound and every migration file could be read. */
    public boolean ok() {
        return report.ok() && history.problems().isEmpty();
    }

    /** The report as JSON in the documented shape (see {@link GraphFormats#reportJson}). */
    public String json() {
        return GraphFormats.reportJson(report);
    }

    /** 0 when {@link #ok()}, else {@link MigrateException#EXIT_FAILED}. */
    public int exitCode() {
        return ok() ? 0 : MigrateException.EXIT_FAILED;
    }
}
