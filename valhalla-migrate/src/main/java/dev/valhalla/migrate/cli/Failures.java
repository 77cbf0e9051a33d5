package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.MigrateException;

import java.io.PrintWriter;

/** Turns an exception into the message on stderr and the exit code of the command. */
final class Failures {

    private Failures() {
    }

    /** Prints the message (never the stack trace: the message is written to be enough) and returns the exit code. */
    static int report(Exception exception, PrintWriter err) {
        if (exception instanceof MigrateException migrate) {
            err.println(migrate.getMessage());
            err.flush();
            return migrate.exitCode();
        }
        err.println("error: " + describe(exception));
        err.flush();
        return MigrateException.EXIT_FAILED;
    }

    private static String describe(Throwable exception) {
        StringBuilder text = new StringBuilder(String.valueOf(exception.getMessage() == null
                ? exception.getClass().getSimpleName() : exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
