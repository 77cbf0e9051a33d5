package dev.valhalla.migrate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds a PostgreSQL server already running on a data folder, through the {@code postmaster.pid} file the server
 * keeps there while it runs: line 1 is the process id, line 4 the port.
 */
final class RunningPostmaster {

    private static final String PID_FILE = "postmaster.pid";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private RunningPostmaster() {
    }

    /**
     * The port of the server serving {@code dataDirectory}, if one is running: its process is alive and a
     * connection to the port answers with that data folder. A live process that does not answer yet (still
     * starting) is waited for until {@code wait} has passed.
     *
     * @throws LocalPostgresException when a live process holds the folder but its server never answers
     */
    static Optional<Integer> find(Path dataDirectory, Duration wait) {
        Optional<List<String>> pidFile = readPidFile(dataDirectory);
        if (pidFile.isEmpty() || pidFile.get().size() < 4) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            pid = Long.parseLong(pidFile.get().get(0).trim());
            port = Integer.parseInt(pidFile.get().get(3).trim());
        } catch (NumberFormatException e) {
            // a pid file being written or left half-written by a crash: PostgreSQL itself will sort it out
            return Optional.empty();
        }
        if (!isAlive(pid)) {
            return Optional.empty();
        }
        return waitForAnswer(dataDirectory, pid, port, wait);
    }

    /** Whether the server on {@code port} answers and serves {@code dataDirectory}. */
    static boolean serves(int port, Path dataDirectory) {
        Properties properties = new Properties();
        properties.setProperty("user", LocalPostgres.SUPERUSER);
        properties.setProperty("connectTimeout", "2");
        try (Connection connection = DriverManager.getConnection(
                     "jdbc:postgresql://" + LocalPostgres.HOST + ":" + port + "/postgres", properties);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('data_directory')")) {
            row.next();
            return sameFolder(Path.of(row.getString(1)), dataDirectory);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Optional<Integer> waitForAnswer(Path dataDirectory, long pid, int port, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (isAlive(pid)) {
            if (serves(port, dataDirectory)) {
                return Optional.of(port);
            }
            if (System.nanoTime() > deadline) {
                throw new LocalPostgresException("PostgreSQL process " + pid + " holds " + dataDirectory
                        + " but does not answer on port " + port + " after " + wait.toSeconds() + " s", null);
            }
            pause();
        }
        return Optional.empty();
    }

    private static Optional<List<String>> readPidFile(Path dataDirectory) {
        if (!Files.isDirectory(dataDirectory)) {
            // nothing runs there; starting will say what is wrong with the folder
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllLines(dataDirectory.resolve(PID_FILE)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LocalPostgresException("cannot read " + dataDirectory.resolve(PID_FILE) + ": " + e.getMessage(), e);
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean sameFolder(Path reported, Path expected) {
        try {
            return Files.isSameFile(reported, expected);
        } catch (IOException e) {
            return reported.toAbsolutePath().normalize().equals(expected.toAbsolutePath().normalize());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPostgresException("interrupted while waiting for PostgreSQL to answer", e);
        }
    }
}
