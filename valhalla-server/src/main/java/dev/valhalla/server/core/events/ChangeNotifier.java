package dev.valhalla.server.core.events;

import dev.valhalla.server.core.config.DatabaseSettings;
import dev.valhalla.server.core.config.Setting;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Cross-instance cache invalidation over PostgreSQL {@code LISTEN/NOTIFY} on the channel
 * {@value #CHANNEL}. A feature that holds state in memory (blocklist, rate-limit policies,
 * maintenance state, flags …) {@link #subscribe subscribes} a reload callback to its topic, and
 * {@link #publish publishes} that topic in the transaction that changes the state: PostgreSQL delivers
 * the notification only when that transaction commits, to every instance on the database, this one
 * included. So every instance, the writer too, reloads through the same path.
 *
 * <p>One listener per instance holds a dedicated, non-pooled connection on a daemon virtual thread.
 * When that connection dies it reconnects with growing backoff (up to 5 s) and then calls
 * <em>every</em> subscriber, since notifications sent while it was away are lost. As a safety net it
 * also calls every subscriber each {@code refreshInterval} (default 30 s, setting
 * {@code VALHALLA_CHANGE_REFRESH_INTERVAL}), which also proves the connection alive.
 *
 * <p>Thread-safety: every method may be called from any thread. Callbacks run on the listener
 * thread, one at a time, never concurrently with each other; a topic notified several times in one
 * batch runs its callbacks once. A callback should reload quickly and must tolerate being called
 * spuriously; an exception it throws is logged and does not stop the listener.
 */
public final class ChangeNotifier implements AutoCloseable {

    /** The PostgreSQL notification channel. */
    public static final String CHANNEL = "valhalla_changes";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final long POLL_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    private final DatabaseSettings database;
    private final Duration refreshInterval;
    private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running;
    private volatile boolean refreshOnConnect;
    private volatile int backendPid = -1;
    private volatile Connection current;
    private Thread listener;

    /**
     * @param database        where to listen (the same database the pools use)
     * @param refreshInterval how often every subscriber is called regardless of notifications
     */
    public ChangeNotifier(DatabaseSettings database, Duration refreshInterval) {
        this.database = Objects.requireNonNull(database, "database");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive, got " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
    }

    /**
     * Announces a change of {@code topic} inside the caller's transaction ({@code SELECT pg_notify(…)}).
     * Delivered to every instance, this one included, once the transaction commits; never when it rolls
     * back. Several publishes of one topic in one transaction are delivered once (PostgreSQL folds them).
     *
     * @param handle the request's handle, inside its transaction
     * @param topic  letters, digits and {@code _ . : -}, at most 200 characters, e.g. {@code security.rules}
     */
    public void publish(Handle handle, String topic) {
        requireTopic(topic);
        handle.createQuery("SELECT pg_notify(:channel, :topic)::text")
                .bind("channel", CHANNEL)
                .bind("topic", topic)
                .mapTo(String.class)
                .one();
    }

    /**
     * Calls {@code onChange} whenever {@code topic} is published on any instance, after the listener
     * reconnected, and every refresh interval. May be called before or after {@link #start()}.
     */
    public void subscribe(String topic, Runnable onChange) {
        requireTopic(topic);
        Objects.requireNonNull(onChange, "onChange");
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(onChange);
    }

    /**
     * Starts the listener and waits (up to 10 s) until it listens, so changes committed after this
     * returns are not missed. If it could not connect by then, it keeps trying in the background and
     * calls every subscriber once it does.
     */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        running = true;
        listener = Thread.ofVirtual().name("valhalla-change-listener").unstarted(this::listen);
        listener.start();
        try {
            if (!firstListen.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                refreshOnConnect = true;
                LOG.warn("Change listener not connected after {} s; continuing, it keeps retrying", START_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the listener and closes its connection; waits up to 5 s for the thread. Idempotent. */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = listener;
        }
        if (thread == null) {
            return;
        }
        closeQuietly(current);
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses {@code VALHALLA_CHANGE_REFRESH_INTERVAL}: a positive duration such as {@code 500ms},
     * {@code 30s}, {@code 5m} or {@code 1h}.
     *
     * @throws IllegalArgumentException naming the variable when the value is not such a duration
     */
    public static Duration refreshInterval(String value) {
        var matcher = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)").matcher(value == null ? "" : value.trim());
        if (matcher.matches() && Long.parseLong(matcher.group(1)) > 0) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        throw new IllegalArgumentException("Invalid configuration:\n  " + Setting.CHANGE_REFRESH_INTERVAL.variable()
                + ": expected a positive duration such as 500ms, 30s, 5m or 1h, got '" + value + "'");
    }

    /** The refresh interval of the safety net. */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** Connections the listener has opened since start (1 without failures). */
    public long connections() {
        return connections.get();
    }

    /** Notifications received and dispatched since start (for metrics and tests). */
    public long delivered() {
        return delivered.get();
    }

    /** The PostgreSQL backend pid of the listening connection; -1 while disconnected. */
    public int backendPid() {
        return backendPid;
    }

    private void listen() {
        int failures = 0;
        while (running) {
            try (Connection connection = connect()) {
                current = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                backendPid = connection.unwrap(PGConnection.class).getBackendPID();
                connections.incrementAndGet();
                failures = 0;
                firstListen.countDown();
                if (refreshOnConnect) {
                    // notifications sent while we were not listening are lost: reload everything
                    refreshAll("reconnected");
                }
                refreshOnConnect = true;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                failures++;
                LOG.warn("Change listener lost its connection (attempt {}): {}", failures, e.toString());
            } finally {
                backendPid = -1;
                current = null;
            }
            if (running && !backoff(failures)) {
                break;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextRefresh = System.nanoTime() + refreshInterval.toNanos();
        while (running) {
            PGNotification[] notifications = pg.getNotifications((int) POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                Set<String> topics = new LinkedHashSet<>();
                for (PGNotification notification : notifications) {
                    topics.add(notification.getParameter());
                }
                delivered.addAndGet(notifications.length);
                topics.forEach(this::dispatch);
            }
            if (System.nanoTime() - nextRefresh >= 0) {
                try (Statement statement = connection.createStatement()) {
                    // proves the connection alive even when the network dropped it silently
                    statement.execute("SELECT 1");
                }
                refreshAll("periodic refresh");
                nextRefresh = System.nanoTime() + refreshInterval.toNanos();
            }
        }
    }

    private void dispatch(String topic) {
        List<Runnable> callbacks = subscribers.get(topic);
        if (callbacks != null) {
            callbacks.forEach(callback -> run(topic, callback));
        }
    }

    private void refreshAll(String why) {
        LOG.debug("Calling every change subscriber ({})", why);
        List<Map.Entry<String, List<Runnable>>> entries = new ArrayList<>(subscribers.entrySet());
        for (Map.Entry<String, List<Runnable>> entry : entries) {
            entry.getValue().forEach(callback -> run(entry.getKey(), callback));
        }
    }

    private static void run(String topic, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // recover: one failing reload must not stop the others or the listener
            LOG.warn("Change subscriber of '{}' failed", topic, e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        database.user().ifPresent(user -> properties.setProperty("user", user));
        database.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "valhalla-change-listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(database.url().orElseThrow(
                () -> new IllegalStateException("database URL not resolved")), properties);
    }

    private boolean backoff(int failures) {
        long millis = Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(failures, 10));
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the change listener connection failed: {}", e.toString());
        }
    }

    private static void requireTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic must match " + TOPIC.pattern() + ", got '" + topic + "'");
        }
    }
}
