package dev.valhalla.migrate.apply;

import dev.valhalla.migrate.MigrateException;

import java.time.Duration;

/**
 * Another session held the migration lock for longer than the configured wait. Nothing was applied. Exit code 1.
 */
public final class MigrationLockTimeoutException extends MigrateException {

    private final Duration waited;
    private final String holder;

    MigrationLockTimeoutException(Duration waited, String holder) {
        super("migration lock not acquired within " + waited.toMillis() + " ms; held by " + holder, EXIT_FAILED);
        this.waited = waited;
        this.holder = holder;
    }

    /** How long the run waited. */
    public Duration waited() {
        return waited;
    }

    /** Who held the lock when the wait ended (pid, application name, user, client), as far as visible. */
    public String holder() {
        return holder;
    }
}
