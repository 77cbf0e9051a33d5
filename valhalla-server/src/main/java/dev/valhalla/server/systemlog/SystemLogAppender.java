package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Feeds application log events at or above the threshold into the system log's {@link BatchWriter}.
 * Never blocks (a full queue drops and counts) and ignores the writer thread's own events, so a
 * failing write can never log into itself. Unsynchronized: called concurrently by every logging thread.
 */
final class SystemLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Level threshold;
    private final BatchWriter<LogEvent> writer;

    SystemLogAppender(Level threshold, BatchWriter<LogEvent> writer) {
        this.threshold = threshold;
        this.writer = writer;
        setName("valhalla-system-log");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(threshold) && !writer.isWriterThread()) {
            writer.offer(LogEvent.of(event));
        }
    }
}
