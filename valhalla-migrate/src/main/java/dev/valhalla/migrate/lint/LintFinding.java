package dev.valhalla.migrate.lint;

import java.nio.file.Path;

/**
 * One problem found in a revision.
 *
 * @param rule     the rule id, kebab-case (see {@link Linter#rules()})
 * @param severity the rule's severity
 * @param revision the id of the revision the problem is in
 * @param file     the revision file
 * @param line     1-based line of the offending statement; {@code 0} when the finding concerns the whole
 *                 revision (a missing downgrade, an unknown rule in the revision's own {@code lint:ignore})
 * @param message  what is wrong with this statement
 * @param fix      the safe alternative, in one line
 */
public record LintFinding(String rule, Severity severity, String revision, Path file, int line, String message,
        String fix) {
}
