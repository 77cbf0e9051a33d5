package dev.valhalla.server.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.valhalla.server.core.config.DatabaseSettings;
import dev.valhalla.server.core.config.PoolSettings;
import dev.valhalla.server.core.error.DatabaseUnavailableException;
import dev.valhalla.server.core.error.PoolExhaustedException;
import dev.valhalla.server.core.error.ServiceUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database core: a HikariCP write pool, an optional read pool on a replica, and a one-connection
 * health pool for probes, each wrapped in Jdbi with the {@link QueryMonitor} as its SQL logger.
 * Work runs in a {@link UnitOfWork}: committed when it returns, rolled back when it throws, always
 * closed. Acquisition timeouts raise {@link PoolExhaustedException} (pool state in the message), an
 * unreachable database {@link DatabaseUnavailableException}; both are 503 with {@code Retry-After}.
 * Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Attempts of {@link #executeWithRetry} including the first. */
    public static final int MAX_ATTEMPTS = 4;

    /** Which pool a unit of work uses. */
    public enum Access { WRITE, READ }

    /**
     * Work done in a unit of work.
     *
     * @param <T> its result
     * @param <X> what it may throw
     */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        /** Runs with a handle inside an open transaction. */
        T run(Handle handle) throws X;
    }

    private final Pool write;
    private final Pool read;
    private final Pool health;
    private final QueryMonitor monitor;
    private final LeakDetector leaks;
    private final Counter retries;

    /** Creates the pools; connections are opened lazily, so the database may still be starting. */
    public Database(DatabaseSettings settings, QueryMonitor monitor, MeterRegistry registry) {
        this.monitor = monitor;
        this.leaks = new LeakDetector(settings.writePool().leakDetectionThreshold(), registry);
        String url = settings.url().orElseThrow(() -> new IllegalArgumentException("database URL not resolved"));
        this.write = new Pool("write", hikari("valhalla-write", url, settings, settings.writePool(), registry));
        this.read = settings.readUrl().isPresent()
                ? new Pool("read", hikari("valhalla-read", settings.readUrl().get(), settings, settings.readPool(), registry))
                : write;
        PoolSettings probe = new PoolSettings(1, 0, settings.readyTimeout().compareTo(Duration.ofMillis(250)) < 0
                ? Duration.ofMillis(250) : settings.readyTimeout(), Duration.ZERO);
        this.health = new Pool("health", hikari("valhalla-health", url, settings, probe, null));
        this.retries = Counter.builder("valhalla.db.retries").description("Units of work retried after a transient failure")
                .register(registry);
    }

    private HikariConfig hikari(String name, String url, DatabaseSettings settings, PoolSettings pool, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(pool.maxSize());
        config.setMinimumIdle(Math.min(pool.minIdle(), pool.maxSize()));
        config.setConnectionTimeout(pool.acquisitionTimeout().toMillis());
        config.setValidationTimeout(Math.min(5_000, Math.max(250, pool.acquisitionTimeout().toMillis() / 2)));
        if (!pool.leakDetectionThreshold().isZero()) {
            config.setLeakDetectionThreshold(Math.max(2_000, pool.leakDetectionThreshold().toMillis()));
        }
        // the pools start even when the database is not up yet; readiness reports it
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, pool.acquisitionTimeout().toSeconds())));
        config.addDataSourceProperty("ApplicationName", name);
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return config;
    }

    /** Opens a unit of work in a new transaction; the caller closes it. */
    public UnitOfWork open(Access access) {
        Pool pool = access == Access.READ ? read : write;
        return pool.open();
    }

    /** Runs {@code work} in a write transaction, once. */
    public <T, X extends Exception> T inTransaction(Work<T, X> work) throws X {
        return run(write, work);
    }

    /**
     * Runs read-only {@code work} on the read pool (the write pool when there is no replica), retried
     * like {@link #executeWithRetry}.
     */
    public <T, X extends Exception> T readOnly(Work<T, X> work) throws X {
        return retrying(read, work);
    }

    /**
     * Runs idempotent {@code work} in a write transaction, retrying it in a new unit of work, up to
     * {@link #MAX_ATTEMPTS} attempts with growing jittered backoff, when it fails with a transient
     * SQLSTATE: 40001 (serialization), 40P01 (deadlock) or class 08 (connection lost).
     */
    public <T, X extends Exception> T executeWithRetry(Work<T, X> work) throws X {
        return retrying(write, work);
    }

    private <T, X extends Exception> T retrying(Pool pool, Work<T, X> work) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return run(pool, work);
            } catch (ServiceUnavailableException e) {
                // acquisition already waited its full timeout: retrying would only multiply the wait
                throw e;
            } catch (RuntimeException e) {
                String state = transientState(e);
                if (state == null || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                retries.increment();
                LOG.info("Retrying unit of work after SQLSTATE {} (attempt {} of {})", state, attempt + 1, MAX_ATTEMPTS);
                backoff(attempt);
            }
        }
    }

    private static <T, X extends Exception> T run(Pool pool, Work<T, X> work) throws X {
        try (UnitOfWork unit = pool.open()) {
            T result;
            try {
                result = work.run(unit.handle());
            } catch (Exception | Error e) {
                rollbackQuietly(unit, e);
                throw e;
            }
            unit.commit();
            return result;
        }
    }

    private static void rollbackQuietly(UnitOfWork unit, Throwable failure) {
        try {
            unit.rollback();
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    static String transientState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.startsWith("08")) {
                    return state;
                }
            }
        }
        return null;
    }

    private static void backoff(int attempt) {
        long base = 20L << Math.min(attempt, 6);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while retrying", Duration.ofSeconds(1));
        }
    }

    /** A round trip to the database bounded by the health pool's timeout; never throws. */
    public ProbeResult probe() {
        long start = System.nanoTime();
        try (Connection connection = health.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, health.dataSource.getConnectionTimeout() / 1000));
            statement.execute("SELECT 1");
            return new ProbeResult(true, (System.nanoTime() - start) / 1_000_000, Optional.empty());
        } catch (SQLException e) {
            return new ProbeResult(false, (System.nanoTime() - start) / 1_000_000,
                    Optional.of((e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + e.getMessage()));
        }
    }

    /** The write pool's data source (for migrations and other whole-connection users). */
    public DataSource dataSource() {
        return write.dataSource;
    }

    /** The query monitor fed by every pool. */
    public QueryMonitor monitor() {
        return monitor;
    }

    /** State of the write pool and, when configured, the read pool. */
    public List<PoolExhaustedException.PoolState> pools() {
        List<PoolExhaustedException.PoolState> states = new ArrayList<>();
        states.add(write.state());
        if (read != write) {
            states.add(read.state());
        }
        return states;
    }

    /** Units of work found inside a transaction when returning their connection (should stay 0). */
    public long rolledBackAtClose() {
        return write.rolledBackAtClose.get() + (read == write ? 0 : read.rolledBackAtClose.get());
    }

    /** Connections held longer than the leak detection threshold since start. */
    public long leaksDetected() {
        return leaks.detected();
    }

    /** Units of work retried after transient failures since start. */
    public long retried() {
        return (long) retries.count();
    }

    @Override
    public void close() {
        leaks.close();
        health.close();
        if (read != write) {
            read.close();
        }
        write.close();
    }

    /** One HikariCP pool with its Jdbi. */
    final class Pool {
        private final String name;
        private final HikariDataSource dataSource;
        private final Jdbi jdbi;
        private final AtomicLong rolledBackAtClose = new AtomicLong();

        Pool(String name, HikariConfig config) {
            this.name = name;
            this.dataSource = new HikariDataSource(config);
            this.jdbi = Jdbi.create(dataSource);
            jdbi.setSqlLogger(monitor);
        }

        String name() {
            return name;
        }

        UnitOfWork open() {
            long start = System.nanoTime();
            Handle handle;
            try {
                handle = jdbi.open();
            } catch (ConnectionException e) {
                throw translate(e, Duration.ofNanos(System.nanoTime() - start));
            }
            UnitOfWork unit = new UnitOfWork(handle, this);
            leaks.opened(unit, MDC.get("correlationId"));
            try {
                handle.begin();
            } catch (RuntimeException e) {
                unit.close();
                throw e;
            }
            return unit;
        }

        void released(UnitOfWork unit) {
            leaks.closed(unit);
        }

        void countRollbackAtClose() {
            rolledBackAtClose.incrementAndGet();
        }

        private RuntimeException translate(ConnectionException e, Duration waited) {
            Throwable cause = e.getCause();
            for (Throwable t = cause == null ? null : cause.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ConnectException || (t instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))) {
                    return new DatabaseUnavailableException("The database is unreachable from pool '" + name + "': "
                            + t.getMessage(), e, Duration.ofSeconds(Math.max(1, dataSource.getConnectionTimeout() / 1000)));
                }
            }
            if (cause instanceof SQLTransientConnectionException) {
                return new PoolExhaustedException(state(), waited, Duration.ofMillis(dataSource.getConnectionTimeout()), e);
            }
            return new DatabaseUnavailableException("Cannot get a connection from pool '" + name + "': "
                    + (cause == null ? e.getMessage() : cause.getMessage()), e, Duration.ofSeconds(1));
        }

        PoolExhaustedException.PoolState state() {
            HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
            if (bean == null) {
                return new PoolExhaustedException.PoolState(name, 0, 0, 0, dataSource.getMaximumPoolSize());
            }
            return new PoolExhaustedException.PoolState(name, bean.getActiveConnections(), bean.getIdleConnections(),
                    bean.getThreadsAwaitingConnection(), dataSource.getMaximumPoolSize());
        }

        void close() {
            dataSource.close();
        }
    }
}
