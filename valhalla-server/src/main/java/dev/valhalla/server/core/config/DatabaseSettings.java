package dev.valhalla.server.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the data lives and how it is pooled.
 *
 * @param url          external database; empty = embedded PostgreSQL in {@code dataDir}
 * @param user         user for {@code url}, if not in it
 * @param password     password for {@code url}; never printed by {@link #toString()}
 * @param readUrl      read replica, if any
 * @param dataDir      folder of the embedded PostgreSQL
 * @param writePool    the write pool
 * @param readPool     the read pool (used only with {@code readUrl})
 * @param readyTimeout bound on the database probe of readiness
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<String> password,
                               Optional<String> readUrl, Path dataDir, PoolSettings writePool, PoolSettings readPool,
                               Duration readyTimeout) {

    /** Whether the server starts its own embedded PostgreSQL. */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** A copy pointing at another database (used for the embedded one once its URL is known). */
    public DatabaseSettings withUrl(String jdbcUrl, String user) {
        return new DatabaseSettings(Optional.of(jdbcUrl), Optional.of(user), password, readUrl, dataDir, writePool,
                readPool, readyTimeout);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url.orElse("(embedded)") + ", user=" + user.orElse("")
                + ", password=" + (password.isPresent() ? "***" : "") + ", readUrl=" + readUrl.orElse("")
                + ", dataDir=" + dataDir + ", writePool=" + writePool + ", readPool=" + readPool
                + ", readyTimeout=" + readyTimeout + "]";
    }
}
