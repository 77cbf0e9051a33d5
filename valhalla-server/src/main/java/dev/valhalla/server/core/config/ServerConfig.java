package dev.valhalla.server.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole server configuration, parsed and validated once at start-up from {@code VALHALLA_*}
 * variables and {@code serve} flags (flags win), then frozen. Every invalid value is reported at once,
 * each problem naming its variable. See {@link Setting} for names, defaults and meanings.
 *
 * @param http           the HTTP listener
 * @param database       the database and its pools
 * @param monitor        the query monitor
 * @param adminBootstrap whether the first start creates an admin API key
 * @param values         every setting's effective text (default applied), for features that parse their
 *                       own settings with {@link #value(Setting)}
 */
public record ServerConfig(HttpSettings http, DatabaseSettings database, MonitorSettings monitor,
                           boolean adminBootstrap, Map<Setting, String> values) {

    public ServerConfig {
        values = Map.copyOf(values);
    }

    /** The effective text of a setting (its default when unset; empty when it has none). */
    public String value(Setting setting) {
        return values.getOrDefault(setting, setting.defaultValue());
    }

    /** The effective text of a setting, empty when it is unset and has no default. */
    public Optional<String> optionalValue(Setting setting) {
        String value = value(setting);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Secrets (passwords, keys) are never part of the text form. */
    @Override
    public String toString() {
        return "ServerConfig[http=" + http + ", monitor=" + monitor + ", adminBootstrap=" + adminBootstrap + "]";
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|k|mib|mb|m)?");

    /** The configuration of this process: environment variables overridden by flag values. */
    public static ServerConfig fromEnvironment(Map<Setting, String> flags) {
        return from(System.getenv(), flags);
    }

    /**
     * Parses {@code environment} ({@code VALHALLA_*} names; others ignored) overridden by {@code flags}.
     *
     * @throws InvalidSettingException naming every invalid variable
     */
    public static ServerConfig from(Map<String, String> environment, Map<Setting, String> flags) {
        Map<Setting, String> raw = new HashMap<>();
        for (Setting setting : Setting.values()) {
            String value = flags.containsKey(setting) ? flags.get(setting) : environment.get(setting.variable());
            raw.put(setting, value == null || value.isBlank() ? setting.defaultValue() : value.trim());
        }
        return new Parser(raw).parse();
    }

    /** Parses variables only, e.g. {@code from(Map.of("VALHALLA_PORT", "0"))} in tests. */
    public static ServerConfig from(Map<String, String> environment) {
        return from(environment, Map.of());
    }

    /** The README's configuration table in Markdown: variable, flag, default, meaning. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| Variable | Flag | Default | Meaning |\n| --- | --- | --- | --- |\n");
        for (List<String> row : tableRows()) {
            table.append("| `").append(row.get(0)).append("` | `").append(row.get(1)).append("` | ")
                    .append(row.get(2).isEmpty() ? "(unset)" : "`" + row.get(2) + "`").append(" | ")
                    .append(row.get(3)).append(" |\n");
        }
        return table.toString();
    }

    /** The rows of the configuration table: variable, flag, default (empty = unset), meaning. */
    public static List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            rows.add(List.of(setting.variable(), setting.flag(), setting.defaultValue(), setting.meaning()));
        }
        return rows;
    }

    /** A copy whose database is the given one (e.g. the embedded server once started). */
    public ServerConfig withDatabase(DatabaseSettings newDatabase) {
        return new ServerConfig(http, newDatabase, monitor, adminBootstrap, values);
    }

    private static final class Parser {
        private final Map<Setting, String> raw;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<Setting, String> raw) {
            this.raw = raw;
        }

        ServerConfig parse() {
            int port = integer(Setting.PORT, 0, 65_535);
            HttpSettings http = new HttpSettings(text(Setting.HOST).orElse("127.0.0.1"), port,
                    size(Setting.MAX_BODY_SIZE), duration(Setting.DRAIN_TIMEOUT));
            Duration acquire = duration(Setting.POOL_ACQUIRE_TIMEOUT);
            Duration leak = duration(Setting.LEAK_DETECTION_THRESHOLD);
            PoolSettings write = new PoolSettings(integer(Setting.POOL_MAX_SIZE, 1, 1_000),
                    integer(Setting.POOL_MIN_IDLE, 0, 1_000), acquire, leak);
            PoolSettings read = new PoolSettings(integer(Setting.READ_POOL_MAX_SIZE, 1, 1_000),
                    Math.min(write.minIdle(), 2), acquire, leak);
            Optional<String> url = text(Setting.DATABASE_URL);
            Optional<String> readUrl = text(Setting.READ_DATABASE_URL);
            url.ifPresent(value -> jdbcUrl(Setting.DATABASE_URL, value));
            readUrl.ifPresent(value -> jdbcUrl(Setting.READ_DATABASE_URL, value));
            DatabaseSettings database = new DatabaseSettings(url, text(Setting.DATABASE_USER),
                    text(Setting.DATABASE_PASSWORD), readUrl, Path.of(raw.get(Setting.DATA_DIR)), write, read,
                    duration(Setting.READY_TIMEOUT));
            MonitorSettings monitor = new MonitorSettings(bool(Setting.QUERY_MONITOR_ENABLED),
                    integer(Setting.QUERY_MONITOR_WINDOW, 1, 1_000_000), duration(Setting.SLOW_QUERY_THRESHOLD));
            boolean bootstrap = bool(Setting.ADMIN_BOOTSTRAP);
            if (problems.isEmpty() && write.minIdle() > write.maxSize()) {
                problems.add(Setting.POOL_MIN_IDLE.variable() + ": " + write.minIdle()
                        + " is larger than " + Setting.POOL_MAX_SIZE.variable() + " (" + write.maxSize() + ")");
            }
            if (acquire.toMillis() < 250) {
                problems.add(Setting.POOL_ACQUIRE_TIMEOUT.variable() + ": must be at least 250ms (the pool's minimum), got '"
                        + raw.get(Setting.POOL_ACQUIRE_TIMEOUT) + "'");
            }
            if (!problems.isEmpty()) {
                throw new InvalidSettingException(problems);
            }
            return new ServerConfig(http, database, monitor, bootstrap, raw);
        }

        private Optional<String> text(Setting setting) {
            String value = raw.get(setting);
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        private void jdbcUrl(Setting setting, String value) {
            if (!value.startsWith("jdbc:postgresql:")) {
                problems.add(setting.variable() + ": expected a JDBC URL starting with jdbc:postgresql:, got '"
                        + value.replaceAll("password=[^&]*", "password=***") + "'");
            }
        }

        private int integer(Setting setting, int min, int max) {
            return parse(setting, "an integer from " + min + " to " + max, value -> {
                int parsed = Integer.parseInt(value);
                return parsed < min || parsed > max ? null : parsed;
            }, min);
        }

        private boolean bool(Setting setting) {
            return parse(setting, "true or false", value -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> Boolean.TRUE;
                case "false", "no", "0", "off" -> Boolean.FALSE;
                default -> null;
            }, false);
        }

        private Duration duration(Setting setting) {
            return parse(setting, "a duration such as 500ms, 30s, 5m or 1h", value -> {
                Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    return null;
                }
                long amount = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "ms" : m.group(2);
                return switch (unit) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMillis(amount);
                };
            }, Duration.ZERO);
        }

        private long size(Setting setting) {
            return parse(setting, "a size such as 65536, 64KiB or 1MiB", value -> {
                Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    return null;
                }
                long amount = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "b" : m.group(2);
                long bytes = switch (unit) {
                    case "kib", "k" -> amount * 1024;
                    case "kb" -> amount * 1000;
                    case "mib", "m" -> amount * 1024 * 1024;
                    case "mb" -> amount * 1_000_000;
                    default -> amount;
                };
                return bytes < 1 ? null : bytes;
            }, 1L);
        }

        private <T> T parse(Setting setting, String expected, Function<String, T> parser, T fallback) {
            String value = raw.get(setting);
            T parsed;
            try {
                parsed = parser.apply(value);
            } catch (NumberFormatException e) {
                parsed = null;
            }
            if (parsed == null) {
                problems.add(setting.variable() + ": expected " + expected + ", got '" + value + "'");
                return fallback;
            }
            return parsed;
        }
    }
}
