package dev.valhalla.server.core.http;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request correlation: W3C Trace Context {@code traceparent} and {@code X-Request-ID}. The correlation
 * id is the caller's {@code X-Request-ID} when it sent a sane one, else the trace id (the caller's
 * when it sent a valid {@code traceparent}, else a new one). Both are echoed on the response and put
 * in the SLF4J MDC ({@code correlationId}, {@code traceId}, {@code spanId}) for every log line.
 */
public final class Correlation {

    /** The MDC key of the correlation id. */
    public static final String MDC_KEY = "correlationId";
    static final String REQUEST_ID = "X-Request-ID";
    static final String TRACEPARENT = "traceparent";
    private static final String ATTRIBUTE = "valhalla.correlation";
    // W3C Trace Context §3.2: version 00, 32 hex trace id, 16 hex parent id, 2 hex flags; all-zero ids invalid
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    /**
     * Ids of one request.
     *
     * @param correlationId id in logs, problems and {@code X-Request-ID}
     * @param traceId       W3C trace id
     * @param spanId        this server's span id
     * @param flags         trace flags, {@code 01} when sampled
     */
    public record Ids(String correlationId, String traceId, String spanId, String flags) {

        /** The {@code traceparent} this server sends downstream and echoes. */
        public String traceparent() {
            return "00-" + traceId + "-" + spanId + "-" + flags;
        }
    }

    /** The correlation id of the current request (also in the MDC). */
    public static String id(Context ctx) {
        Ids ids = ctx.attribute(ATTRIBUTE);
        return ids == null ? "" : ids.correlationId();
    }

    /** The ids of the current request, if correlation ran. */
    public static java.util.Optional<Ids> ids(Context ctx) {
        return java.util.Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    void begin(Context ctx) {
        Ids ids = resolve(ctx.header(TRACEPARENT), ctx.header(REQUEST_ID));
        ctx.attribute(ATTRIBUTE, ids);
        ctx.header(REQUEST_ID, ids.correlationId());
        ctx.header(TRACEPARENT, ids.traceparent());
        MDC.put(MDC_KEY, ids.correlationId());
        MDC.put("traceId", ids.traceId());
        MDC.put("spanId", ids.spanId());
    }

    static void end() {
        MDC.remove(MDC_KEY);
        MDC.remove("traceId");
        MDC.remove("spanId");
    }

    Ids resolve(String traceparent, String requestId) {
        String traceId = null;
        String flags = "01";
        if (traceparent != null) {
            var m = TRACEPARENT_FORMAT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals("ff") && !m.group(2).chars().allMatch(c -> c == '0')
                    && !m.group(3).chars().allMatch(c -> c == '0') && (m.group(1).equals("00") ? m.group(5) == null : true)) {
                traceId = m.group(2);
                flags = m.group(4);
            }
        }
        if (traceId == null) {
            traceId = hex(16);
        }
        String correlationId = requestId != null && SANE_REQUEST_ID.matcher(requestId).matches() ? requestId : traceId;
        return new Ids(correlationId, traceId, hex(8), flags);
    }

    /**
     * A random, non-zero id of {@code bytes} bytes in hex. Trace ids need uniqueness, not secrecy, so a
     * thread-local generator serves (as in OpenTelemetry's id generator); a shared SecureRandom would make
     * every request contend for one lock.
     */
    private static String hex(int bytes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] value = new byte[bytes];
        do {
            random.nextBytes(value);
        } while (allZero(value));
        return HexFormat.of().formatHex(value);
    }

    private static boolean allZero(byte[] value) {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
