package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;

/**
 * The requested run cannot be planned: an unknown target, a revision without a downgrade section, or a
 * {@code -N} downgrade that would leave an applied child of an un-applied parent. Nothing was run. Exit code 2.
 */
public final class MigrationPlanException extends MigrateException {

    MigrationPlanException(String message) {
        super(message, EXIT_BAD_INPUT);
    }
}
