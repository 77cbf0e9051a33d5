package dev.valhalla.migrate.apply;

import java.util.List;

/**
 * The database's migration state compared with the revision files.
 *
 * @param applied revisions recorded in the history, in the order they were applied
 * @param pending revisions not applied yet, in the order {@code upgrade} would apply them
 * @param edited  applied revisions whose file's checksum differs from the recorded one; never re-run
 * @param unknown applied revisions that have no file
 * @param current applied revisions none of whose children is applied (the database's "heads")
 */
public record MigrationStatus(
        List<HistoryEntry> applied,
        List<String> pending,
        List<String> edited,
        List<String> unknown,
        List<String> current) {

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        edited = List.copyOf(edited);
        unknown = List.copyOf(unknown);
        current = List.copyOf(current);
    }

    /** Whether every revision file is applied. */
    public boolean atHead() {
        return pending.isEmpty();
    }
}
