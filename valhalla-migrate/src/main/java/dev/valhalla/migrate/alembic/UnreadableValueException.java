package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.MigrateException;

/** A top-level assignment whose value is not a literal this reader understands. */
final class UnreadableValueException extends MigrateException {

    private final int offset;

    UnreadableValueException(int offset, String problem) {
        super(problem, EXIT_BAD_INPUT);
        this.offset = offset;
    }

    /** Character offset in the source where reading stopped. */
    int offset() {
        return offset;
    }
}
