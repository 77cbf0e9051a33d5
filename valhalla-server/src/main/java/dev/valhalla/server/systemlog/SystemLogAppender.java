package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.valhalla.server.core.http.AccessLog;

/**
 * Feeds application log events at or above the threshold into the system log's {@link BatchWriter}.
 * The access log ({@value #ACCESS_LOGGER}, one line per request) is not an application event: it stays
 * on standard output and in the HTTP metrics and traces, and would otherwise cost a row per request.
 * Never blocks (a full queue drops and counts) and ignores the writer thread's own events, so a
 * failing write can never log into itself. Unsynchronized: called concurrently by every logging thread.
 */
final class SystemLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final String ACCESS_LOGGER = AccessLog.LOGGER;
    private final Level threshold;
    private final BatchWriter<LogEvent> writer;

    SystemLogAppender(Level threshold, BatchWriter<LogEvent> writer) {
        this.threshold = threshold;
        this.writer = writer;
        setName("valhalla-system-log");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(threshold) && !writer.isWriterThread()
                && !ACCESS_LOGGER.equals(event.getLoggerName())) {
            writer.offer(LogEvent.of(event));
        }
    }
}
