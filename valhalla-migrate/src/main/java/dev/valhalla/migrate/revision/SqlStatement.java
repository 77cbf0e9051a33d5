package dev.valhalla.migrate.revision;

import java.util.Set;

/**
 * One SQL statement of a revision section.
 *
 * @param sql         the statement text as written (comments inside it kept), without the terminating semicolon
 * @param line        1-based line in the revision file where the statement starts (its first non-comment token)
 * @param lintIgnores lint rule ids named by {@code -- lint:ignore RULE[,RULE]} comments that precede this
 *                    statement (since the previous one) or stand inside it
 */
public record SqlStatement(String sql, int line, Set<String> lintIgnores) {

    public SqlStatement {
        lintIgnores = Set.copyOf(lintIgnores);
    }
}
