package dev.valhalla.migrate;

/**
 * Base of every error the migration engine raises. The {@link #exitCode()} is what the CLI exits with:
 * {@code 1} for a failed run or findings, {@code 2} for bad usage or unreadable input.
 */
public class MigrateException extends RuntimeException {

    /** Exit code for a run that failed (a statement failed, findings, a lock not acquired). */
    public static final int EXIT_FAILED = 1;
    /** Exit code for bad usage or input that cannot be read (malformed file, unreachable database). */
    public static final int EXIT_BAD_INPUT = 2;

    private final int exitCode;

    public MigrateException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public MigrateException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code the CLI uses for this error. */
    public int exitCode() {
        return exitCode;
    }
}
