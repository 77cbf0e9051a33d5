package dev.valhalla.server.tracing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.valhalla.server.core.http.AccessLog;
import org.slf4j.event.KeyValuePair;

import java.util.Map;

/**
 * Observes the end of every request through the access log's event (logger
 * {@value #ACCESS_LOGGER}, written once per request with its method, path, route template, status and
 * duration, and the request's MDC) and finishes the request's span. The core has no other hook at the
 * end of a request; this one needs the access logger at INFO (its default). Unsynchronized: called
 * concurrently by request threads.
 */
final class RequestEndListener extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final String ACCESS_LOGGER = AccessLog.LOGGER;
    private final Tracer tracer;

    RequestEndListener(Tracer tracer) {
        this.tracer = tracer;
        setName("valhalla-tracing-request-end");
    }

    @Override
    protected void append(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String spanId = mdc == null ? null : mdc.get("spanId");
        if (spanId == null || event.getKeyValuePairs() == null) {
            return;
        }
        String method = "";
        String route = "unmatched";
        String path = "";
        int status = 0;
        double millis = 0;
        for (KeyValuePair pair : event.getKeyValuePairs()) {
            switch (pair.key) {
                case "method" -> method = String.valueOf(pair.value);
                case "route" -> route = String.valueOf(pair.value);
                case "path" -> path = String.valueOf(pair.value);
                case "status" -> status = pair.value instanceof Number n ? n.intValue() : 0;
                case "durationMs" -> millis = pair.value instanceof Number n ? n.doubleValue() : 0;
                default -> {
                    // other attributes are not part of the span
                }
            }
        }
        tracer.finished(spanId, new Tracer.RequestOutcome(method, route, path, status, millis, event.getInstant()));
    }
}
