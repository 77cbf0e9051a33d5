package dev.valhalla.migrate.graph;

import dev.valhalla.migrate.MigrateException;

import java.util.List;

/** A revision id (or id prefix) given on the command line matches no revision, or several. Exit code 2. */
public final class UnknownRevisionException extends MigrateException {

    private final String revision;
    private final List<String> candidates;

    /** No revision has this id (or id prefix). */
    public UnknownRevisionException(String revision) {
        super("unknown revision: " + revision, EXIT_BAD_INPUT);
        this.revision = revision;
        this.candidates = List.of();
    }

    /** The prefix matches several revisions; {@code candidates} are all of them, sorted. */
    public UnknownRevisionException(String prefix, List<String> candidates) {
        super("ambiguous revision prefix " + prefix + ": matches " + String.join(", ", candidates),
                EXIT_BAD_INPUT);
        this.revision = prefix;
        this.candidates = List.copyOf(candidates);
    }

    /** The id or prefix that was asked for. */
    public String revision() {
        return revision;
    }

    /** For an ambiguous prefix, every matching id; empty when nothing matched. */
    public List<String> candidates() {
        return candidates;
    }
}
