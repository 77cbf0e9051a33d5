package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.SqlStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lints revisions against the PostgreSQL rules of {@link #rules()}. Statement text is analysed with comments
 * removed and string literals masked, case- and whitespace-insensitively. The rules that decide whether a
 * statement can run ({@code concurrently-in-transaction}, {@code missing-if-exists}) look at both sections; the
 * rules about locks, rewrites and column types look at the upgrade section, the one deployments run.
 *
 * <p>A finding is dropped when its rule is named by {@code -- lint:ignore RULE} on the statement or in the
 * revision header. Stateless and thread-safe.
 */
public final class Linter {

    private static final Comparator<LintFinding> ORDER = Comparator
            .comparing((LintFinding finding) -> String.valueOf(finding.file()))
            .thenComparingInt(LintFinding::line)
            .thenComparing(LintFinding::rule)
            .thenComparing(LintFinding::revision)
            .thenComparing(LintFinding::message);

    private Linter() {
    }

    /**
     * Lints every revision and returns all findings, sorted by file, then line, then rule id.
     *
     * @param revisions revisions to lint; each is linted on its own
     * @return every finding, without duplicates; empty when all revisions are clean
     */
    public static List<LintFinding> lint(Collection<Revision> revisions) {
        List<LintFinding> findings = new ArrayList<>();
        for (Revision revision : revisions) {
            lintRevision(revision, findings);
        }
        return findings.stream().distinct().sorted(ORDER).toList();
    }

    /** Every rule, in documentation order. */
    public static List<LintRule> rules() {
        return LintRules.ALL;
    }

    private static void lintRevision(Revision revision, List<LintFinding> findings) {
        RevisionLint lint = new RevisionLint(revision, findings);
        for (SqlStatement statement : revision.upgrade()) {
            String sql = SqlText.normalize(statement.sql());
            StatementCheck.checkRunnable(lint, statement, sql);
            StatementCheck.checkSafety(lint, statement, sql);
        }
        for (SqlStatement statement : revision.downgrade()) {
            StatementCheck.checkRunnable(lint, statement, SqlText.normalize(statement.sql()));
        }
        if (!revision.hasDowngrade() || revision.downgrade().isEmpty()) {
            lint.reportRevision(LintRules.MISSING_DOWNGRADE, revision.hasDowngrade()
                    ? "the downgrade section is empty" : "the revision has no downgrade section");
        }
        if (revision.lockTimeout().isEmpty()) {
            lint.firstStrongLock().ifPresent(statement -> lint.report(LintRules.MISSING_LOCK_TIMEOUT, statement,
                    "this statement locks an existing table strongly and the revision sets no lock_timeout"));
        }
        reportUnknownIgnores(lint, revision);
    }

    private static void reportUnknownIgnores(RevisionLint lint, Revision revision) {
        for (String rule : unknown(revision.lintIgnores())) {
            lint.reportRevision(LintRules.UNKNOWN_LINT_RULE, "lint:ignore names unknown rule '" + rule + "'");
        }
        List<SqlStatement> statements = new ArrayList<>(revision.upgrade());
        statements.addAll(revision.downgrade());
        for (SqlStatement statement : statements) {
            for (String rule : unknown(statement.lintIgnores())) {
                lint.report(LintRules.UNKNOWN_LINT_RULE, statement,
                        "lint:ignore names unknown rule '" + rule + "'");
            }
        }
    }

    private static Set<String> unknown(Set<String> ignores) {
        Set<String> unknown = new TreeSet<>(ignores);
        unknown.removeAll(LintRules.BY_ID.keySet());
        return unknown;
    }
}
