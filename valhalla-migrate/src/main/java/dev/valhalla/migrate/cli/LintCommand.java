package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.lint.LintFinding;
import dev.valhalla.migrate.lint.Linter;
import dev.valhalla.migrate.lint.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valhalla db lint}: the PostgreSQL safety rules over every revision file. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check every revision's SQL against the PostgreSQL safety rules (locks, rewrites, retries).",
        footer = {"",
                "Reads only the files. Silence a finding with '-- lint:ignore RULE'",
                "before the statement, or in the header for the whole revision.",
                "Exit codes:",
                "  0  no ERROR finding (warnings are printed)",
                "  1  at least one ERROR finding",
                "  2  unreadable files",
                "Example:",
                "  valhalla db lint --format json"})
final class LintCommand extends DbSubcommand {

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        List<LintFinding> findings = Linter.lint(loadRevisions());
        if (output.json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("findings", findings.stream().map(LintCommand::json).toList());
            document.put("ok", !hasErrors(findings));
            out().println(Json.write(document));
        } else {
            printText(findings, out());
        }
        return hasErrors(findings) ? 1 : 0;
    }

    static boolean hasErrors(List<LintFinding> findings) {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
    }

    /** Findings grouped by location, with the fix under each, and the counts. */
    static void printText(List<LintFinding> findings, PrintWriter out) {
        for (LintFinding finding : findings) {
            out.printf("%s %s:%d: %s [%s] %s%n", finding.severity() == Severity.ERROR ? "✗" : "!",
                    finding.file(), finding.line(), finding.severity(), finding.rule(), finding.message());
            out.println("    fix: " + finding.fix());
        }
        long errors = findings.stream().filter(finding -> finding.severity() == Severity.ERROR).count();
        long warnings = findings.size() - errors;
        out.println(findings.isEmpty() ? "✓ lint: no findings"
                : (errors > 0 ? "✗" : "✓") + " lint: " + errors + " error(s), " + warnings + " warning(s)");
    }

    static Map<String, Object> json(LintFinding finding) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("rule", finding.rule());
        fields.put("severity", finding.severity().name());
        fields.put("revision", finding.revision());
        fields.put("file", String.valueOf(finding.file()));
        fields.put("line", finding.line());
        fields.put("message", finding.message());
        fields.put("fix", finding.fix());
        return fields;
    }
}
