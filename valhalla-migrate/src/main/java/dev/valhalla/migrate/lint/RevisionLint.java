package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.SqlStatement;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules know while they walk one revision: the tables it has created so far (new tables hold no rows
 * and no traffic, so lock and rewrite rules do not apply to them), the first statement that takes a strong lock
 * on an existing table, and where findings go. Not thread-safe: one instance per revision.
 */
final class RevisionLint {

    private final Revision revision;
    private final List<LintFinding> findings;
    private final Set<String> createdTables = new HashSet<>();
    private SqlStatement firstStrongLock;

    RevisionLint(Revision revision, List<LintFinding> findings) {
        this.revision = revision;
        this.findings = findings;
    }

    boolean transactional() {
        return revision.transactional();
    }

    /** Whether the table was created earlier in this revision (names as {@link SqlText#objectName}). */
    boolean isNew(String table) {
        return createdTables.contains(table);
    }

    void created(String table) {
        createdTables.add(table);
    }

    /** Remembers the first statement that locks an existing table strongly, unless it ignores the rule. */
    void strongLock(SqlStatement statement) {
        if (firstStrongLock == null && !ignored(LintRules.MISSING_LOCK_TIMEOUT, statement)) {
            firstStrongLock = statement;
        }
    }

    Optional<SqlStatement> firstStrongLock() {
        return Optional.ofNullable(firstStrongLock);
    }

    /** Records a finding on a statement unless the statement or the revision ignores the rule. */
    void report(LintRule rule, SqlStatement statement, String message) {
        if (!ignored(rule, statement)) {
            add(rule, statement.line(), message);
        }
    }

    /** Records a finding on the whole revision unless the revision ignores the rule. */
    void reportRevision(LintRule rule, String message) {
        if (!revision.lintIgnores().contains(rule.id())) {
            add(rule, 0, message);
        }
    }

    private boolean ignored(LintRule rule, SqlStatement statement) {
        return revision.lintIgnores().contains(rule.id()) || statement.lintIgnores().contains(rule.id());
    }

    private void add(LintRule rule, int line, String message) {
        findings.add(new LintFinding(rule.id(), rule.severity(), revision.id(), revision.file(), line, message,
                rule.fix()));
    }
}
