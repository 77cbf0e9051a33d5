package dev.valhalla.server.governance;

/** Renders a runbook run as a Markdown page people can paste into a change ticket. */
final class RunbookMarkdown {

    private RunbookMarkdown() {
    }

    static String render(RunbookReport report, GoLiveState state) {
        StringBuilder md = new StringBuilder();
        md.append("# Valhalla go-live runbook\n\n");
        md.append("- **Verdict:** ").append(report.verdict().label().toUpperCase(java.util.Locale.ROOT))
                .append(report.goLiveAllowed() ? " (go-live may be enabled)" : " (go-live is blocked)").append('\n');
        md.append("- **Checked at:** ").append(report.checkedAt()).append(" in ").append(report.durationMs()).append(" ms\n");
        md.append("- **Go-live:** ").append(state.goLiveEnabled() ? "enabled" : "disabled").append('\n');
        md.append("- **Kill switch:** ").append(state.killSwitchEngaged() ? "ENGAGED" : "released")
                .append(" (last change by ").append(cell(state.changedBy())).append(" at ").append(state.updatedAt())
                .append(": ").append(cell(state.reason())).append(")\n\n");
        md.append("| | Check | Id | Blocking | Status | Detail | Duration |\n");
        md.append("|---|---|---|---|---|---|---:|\n");
        for (RunbookReport.Outcome outcome : report.checks()) {
            md.append("| ").append(mark(outcome.status())).append(" | ").append(cell(outcome.title()))
                    .append(" | `").append(outcome.id()).append("` | ").append(outcome.blocking() ? "yes" : "no")
                    .append(" | ").append(outcome.status().label()).append(" | ").append(cell(outcome.detail()))
                    .append(" | ").append(outcome.durationMs()).append(" ms |\n");
        }
        if (!report.blockingFailures().isEmpty()) {
            md.append("\n## Blocking go-live\n\n");
            for (RunbookReport.Outcome outcome : report.blockingFailures()) {
                md.append("- `").append(outcome.id()).append("`: ").append(cell(outcome.detail())).append('\n');
            }
        }
        return md.toString();
    }

    private static String mark(CheckStatus status) {
        return switch (status) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case ERROR -> "⚠️";
            case SKIPPED -> "⏭️";
        };
    }

    /** Table cells must stay on one line and must not end the cell early. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
