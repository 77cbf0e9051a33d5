package dev.valhalla.migrate.apply;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link Migrator} records history and waits for other deployers.
 *
 * @param historySchema schema holding the history tables; a plain lower-case identifier
 * @param lockWait      how long to wait for the migration lock held by another deployer before failing
 * @param appliedBy     who is recorded as having applied a revision
 */
public record MigrateSettings(String historySchema, Duration lockWait, String appliedBy) {

    /** The schema used unless configured otherwise. */
    public static final String DEFAULT_HISTORY_SCHEMA = "valhalla_migrate";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public MigrateSettings {
        Objects.requireNonNull(historySchema, "historySchema");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(appliedBy, "appliedBy");
        if (!IDENTIFIER.matcher(historySchema).matches()) {
            throw new IllegalArgumentException("historySchema must be a lower-case identifier: " + historySchema);
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative: " + lockWait);
        }
    }

    /** Schema {@code valhalla_migrate}, a lock wait of 60 s, applied by {@code user@host}. */
    public static MigrateSettings defaults() {
        return new MigrateSettings(DEFAULT_HISTORY_SCHEMA, Duration.ofSeconds(60), currentUserAtHost());
    }

    /** A copy with another lock wait. */
    public MigrateSettings withLockWait(Duration wait) {
        return new MigrateSettings(historySchema, wait, appliedBy);
    }

    private static String currentUserAtHost() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a host without a resolvable name still migrates; the name is only recorded
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
