package dev.valhalla.server.core.config;

import java.util.Locale;

/**
 * Every server setting: its {@code VALHALLA_*} variable, the equivalent {@code serve} flag, its default
 * and its meaning. This enum is the single source of the README's configuration table
 * ({@link ServerConfig#markdownTable()}) and of the {@code serve --help} text, so they cannot drift.
 */
public enum Setting {
    HOST("127.0.0.1", "Address to bind. Loopback by default so a development server is not exposed; use 0.0.0.0 in a container."),
    PORT("8080", "HTTP port; 0 picks a free port."),
    DATA_DIR("./data", "Folder of the embedded PostgreSQL, used when VALHALLA_DATABASE_URL is unset."),
    DATABASE_URL("", "JDBC URL of an external PostgreSQL (jdbc:postgresql://host:5432/db). Unset: embedded PostgreSQL in VALHALLA_DATA_DIR."),
    DATABASE_USER("", "Database user for VALHALLA_DATABASE_URL (or put it in the URL)."),
    DATABASE_PASSWORD("", "Database password for VALHALLA_DATABASE_URL; never logged."),
    READ_DATABASE_URL("", "JDBC URL of a read replica; read-only requests use it when set. Same user and password."),
    POOL_MAX_SIZE("10", "Maximum connections of the write pool."),
    POOL_MIN_IDLE("2", "Idle connections the write pool keeps."),
    READ_POOL_MAX_SIZE("10", "Maximum connections of the read pool (only with VALHALLA_READ_DATABASE_URL)."),
    POOL_ACQUIRE_TIMEOUT("30s", "Longest wait for a pooled connection; then 503 with Retry-After, never a hang."),
    LEAK_DETECTION_THRESHOLD("60s", "A connection held longer than this is reported as a possible leak; 0 turns it off."),
    SLOW_QUERY_THRESHOLD("1000ms", "Statements slower than this are logged with the correlation id."),
    QUERY_MONITOR_WINDOW("1000", "Samples per normalized statement kept for mean, p95 and max."),
    QUERY_MONITOR_ENABLED("true", "Whether statements are timed by the query monitor."),
    READY_TIMEOUT("2s", "Bound on the database probe of /ready and /health."),
    MAX_BODY_SIZE("1MiB", "Largest accepted request body (bytes, KiB or MiB); larger bodies get 413."),
    DRAIN_TIMEOUT("10s", "On SIGTERM, longest wait for in-flight requests before stopping."),
    ADMIN_BOOTSTRAP("true", "On the very first start, create an admin API key and print it once."),
    ADMIN_KEY("", "A preset admin API key (vh_<id>_<secret>) stored hashed at the very first start instead of a printed one; for automation. Never logged."),
    SYSTEM_LOG_LEVEL("INFO", "Lowest level of application log events kept in the system log (GET /system/logs): DEBUG, INFO, WARN, ERROR or OFF."),
    SYSTEM_LOG_QUEUE("10000", "Log events waiting to be written to the system log; when full, new events are dropped and counted in valhalla_systemlog_dropped_total."),
    TRACE_SAMPLE_RATE("0.1", "Share of requests traced, 0 to 1, when the caller sent no traceparent; a caller's sampled flag is honoured."),
    TRACE_QUEUE("10000", "Spans waiting to be written; when full, new spans are dropped and counted in valhalla_tracing_spans_dropped_total."),
    RATE_LIMIT_MODE("local", "Where rate-limit buckets live: local (in memory, per instance) or cluster (in PostgreSQL, one limit shared by every instance)."),
    CHANGE_REFRESH_INTERVAL("30s", "How often every in-memory state cache (blocklist, policies, …) reloads even without a change notification."),
    TRUSTED_PROXIES("", "Comma-separated CIDRs of reverse proxies whose X-Forwarded-For is honoured; unset: the peer address is the client.");

    private final String defaultValue;
    private final String meaning;

    Setting(String defaultValue, String meaning) {
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** The environment variable, e.g. {@code VALHALLA_POOL_MAX_SIZE}. */
    public String variable() {
        return "VALHALLA_" + name();
    }

    /** The {@code serve} flag, e.g. {@code --pool-max-size}. */
    public String flag() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The default as written in the table; empty when unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One sentence on what it does. */
    public String meaning() {
        return meaning;
    }
}
