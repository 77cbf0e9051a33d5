package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One application log event as captured on the logging thread: only cheap copies, the stack trace is
 * rendered later on the writer thread.
 *
 * @param template   the message before its arguments were filled in (for fingerprints)
 * @param attributes structured key-values and MDC entries other than the correlation ids
 * @param throwable  the logged exception, or null
 */
record LogEvent(Instant timestamp, String level, String logger, String thread, String message, String template,
                String correlationId, String traceId, String spanId, Map<String, Object> attributes,
                IThrowableProxy throwable) {

    private static final int MAX_MESSAGE = 8_000;

    static LogEvent of(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (mdc != null) {
            mdc.forEach((key, value) -> {
                if (!key.equals("correlationId") && !key.equals("traceId") && !key.equals("spanId")) {
                    attributes.put(key, value);
                }
            });
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                Object value = pair.value;
                attributes.put(pair.key, value instanceof Number || value instanceof Boolean || value == null
                        ? value : String.valueOf(value));
            }
        }
        return new LogEvent(event.getInstant(), event.getLevel().toString(), event.getLoggerName(), event.getThreadName(),
                clip(event.getFormattedMessage()), event.getMessage(),
                mdc == null ? null : mdc.get("correlationId"), mdc == null ? null : mdc.get("traceId"),
                mdc == null ? null : mdc.get("spanId"), attributes, event.getThrowableProxy());
    }

    private static String clip(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
