package dev.valhalla.migrate.graph;

import java.util.List;

/** The human-readable graph report, with a fix for every problem that has one. */
final class ReportText {

    private final StringBuilder text = new StringBuilder();

    private ReportText() {
    }

    static String render(GraphReport report, String mergeCommand) {
        ReportText out = new ReportText();
        out.line("revisions: " + report.revisions());
        out.list("heads", report.heads());
        out.list("bases", report.bases());
        out.list("branch points", report.branchPoints());
        out.list("merge points", report.mergePoints());
        if (report.heads().size() > 1) {
            out.line("  fix: create a merge revision joining " + String.join(", ", report.heads())
                    + " (" + mergeCommand + ")");
        }
        out.cycles(report.cycles());
        out.missing(report.missingParents());
        out.duplicates(report.duplicates());
        out.line(report.ok() ? "result: ok" : "result: FAILED ("
                + report.cycles().size() + " cycle(s), " + report.missingParents().size()
                + " missing parent(s), " + report.duplicates().size() + " duplicate id(s))");
        return out.text.toString();
    }

    private void cycles(List<Cycle> cycles) {
        line("cycles: " + cycles.size());
        for (Cycle cycle : cycles) {
            line("  " + cycle.arrows());
            for (int position = 0; position < cycle.files().size(); position++) {
                line("    " + cycle.path().get(position) + ": " + cycle.files().get(position));
            }
            line("    fix: remove parent " + cycle.closingParent() + " from " + cycle.closingChild()
                    + " (" + cycle.closingFile() + ")");
        }
    }

    private void missing(List<MissingParent> missingParents) {
        line("missing parents: " + missingParents.size());
        for (MissingParent missing : missingParents) {
            line("  " + missing.revision() + " names " + missing.parent() + ", which does not exist ("
                    + missing.file() + ")");
            line("    fix: add revision " + missing.parent() + " or remove it from the parents of "
                    + missing.revision());
        }
    }

    private void duplicates(List<DuplicateRevision> duplicates) {
        line("duplicates: " + duplicates.size());
        for (DuplicateRevision duplicate : duplicates) {
            line("  " + duplicate.revision() + " is declared in " + duplicate.files().size() + " files:");
            duplicate.files().forEach(file -> line("    " + file));
            line("    fix: give each file its own revision id");
        }
    }

    private void list(String title, List<String> ids) {
        line(title + " (" + ids.size() + "): " + (ids.isEmpty() ? "-" : String.join(", ", ids)));
    }

    private void line(String value) {
        text.append(value).append('\n');
    }
}
