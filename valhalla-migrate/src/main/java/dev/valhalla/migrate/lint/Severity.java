package dev.valhalla.migrate.lint;

/** How serious a lint finding is. */
public enum Severity {
    /** The statement fails, or blocks reads or writes for a time that grows with the table. */
    ERROR,
    /** A risk worth a second look: brief locks, breaking renames and drops, schema choices that age badly. */
    WARNING
}
