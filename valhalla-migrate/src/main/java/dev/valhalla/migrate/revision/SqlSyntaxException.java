package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;

/**
 * SQL text that cannot be split into statements because a quoted string, quoted identifier, dollar-quoted
 * string or block comment is never closed. Exit code 2: the input is unusable as written.
 */
public final class SqlSyntaxException extends MigrateException {

    private final int line;
    private final String problem;

    /**
     * @param problem what is unterminated, e.g. {@code unterminated quoted string}
     * @param line    1-based file line where it starts
     */
    public SqlSyntaxException(String problem, int line) {
        super(problem + " starting at line " + line, EXIT_BAD_INPUT);
        this.line = line;
        this.problem = problem;
    }

    /** 1-based file line where the unterminated construct starts. */
    public int line() {
        return line;
    }

    /** The problem without the location, e.g. {@code unterminated dollar-quoted string $body$}. */
    public String problem() {
        return problem;
    }
}
