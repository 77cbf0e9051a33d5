package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;

import java.nio.file.Path;

/**
 * A revision file that cannot be read: malformed header, empty file, invalid UTF-8, unterminated quote or
 * dollar quote. The message starts with {@code file:line:}.
 */
public final class RevisionFormatException extends MigrateException {

    private final Path file;
    private final int line;
    private final String problem;

    public RevisionFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem, EXIT_BAD_INPUT);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The problem without the location. */
    public String problem() {
        return problem;
    }
}
