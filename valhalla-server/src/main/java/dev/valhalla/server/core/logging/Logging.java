package dev.valhalla.server.core.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** The process's logging as a whole. */
public final class Logging {

    private Logging() {
    }

    /**
     * Writes out every queued log line and stops logging; called last before the process exits (log
     * lines pass through an asynchronous appender, whose queue would otherwise be lost at exit).
     */
    public static void flushAndStop() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.stop();
        }
    }
}
