package dev.valhalla.migrate.alembic;

/**
 * Something in one file of an Alembic {@code versions/} folder that kept it out of the graph, or a note about it.
 *
 * @param file    path relative to the versions folder
 * @param line    1-based line, or 0 when it concerns the whole file
 * @param message what is wrong
 */
public record AlembicFileProblem(String file, int line, String message) {

    /** {@code file:line: message}, or {@code file: message} without a line. */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
