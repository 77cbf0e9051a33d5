package dev.valhalla.server.core.db;

import dev.valhalla.migrate.apply.ConnectionSource;
import dev.valhalla.migrate.apply.MigrateSettings;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.Migrator;
import dev.valhalla.migrate.apply.RunResult;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.RevisionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Brings Valhalla's own schema to head at start with the migration engine, under its advisory lock,
 * so concurrent instances apply each revision once. The revisions are the {@code *.sql} files of the
 * classpath folder {@value #CLASSPATH_FOLDER} (add a file there to change the schema; its parent is
 * the current head); they are copied to a temporary folder first because the jar is not a directory.
 * The server's history lives in schema {@value #HISTORY_SCHEMA}, apart from the history of
 * applications' own {@code valhalla db} revisions. Thread-safe: state is published atomically.
 */
public final class SchemaMigration {

    /** Classpath folder of the server's revision files. */
    public static final String CLASSPATH_FOLDER = "db/revisions";
    /** Schema of the server's migration history table. */
    public static final String HISTORY_SCHEMA = "valhalla_schema";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    /** Where the schema stands. */
    public enum State { PENDING, MIGRATING, AT_HEAD, FAILED }

    /**
     * A published snapshot of the schema state.
     *
     * @param state   the state
     * @param detail  what happened (revisions applied, or the failure)
     * @param applied revisions in the history after the run
     */
    public record Status(State state, String detail, int applied) {
    }

    private final ConnectionSource source;
    private final Duration lockWait;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.PENDING, "not started", 0));

    /** A migration of the database reached through {@code source}, waiting up to {@code lockWait} for the lock. */
    public SchemaMigration(ConnectionSource source, Duration lockWait) {
        this.source = source;
        this.lockWait = lockWait;
    }

    /** The current status. */
    public Status status() {
        return status.get();
    }

    /** Whether the schema is at head. */
    public boolean atHead() {
        return status.get().state() == State.AT_HEAD;
    }

    /**
     * Applies every pending revision. Idempotent: with nothing pending it changes nothing.
     *
     * @throws RuntimeException the migration engine's error when a revision fails or the lock times out
     */
    public RunResult upgrade() {
        status.set(new Status(State.MIGRATING, "applying pending revisions", 0));
        try {
            List<Revision> revisions = bundledRevisions();
            Migrator migrator = new Migrator(source, RevisionGraph.of(revisions),
                    new MigrateSettings(HISTORY_SCHEMA, lockWait, MigrateSettings.defaults().appliedBy()),
                    MigrationListener.NONE);
            RunResult result = migrator.upgrade(null);
            int applied = migrator.status().applied().size();
            String detail = result.nothingToDo() ? "at head, nothing to apply"
                    : "applied " + result.applied() + " in " + result.totalDuration().toMillis() + " ms";
            LOG.info("Schema {} ({} revisions in history)", detail, applied);
            status.set(new Status(State.AT_HEAD, detail, applied));
            return result;
        } catch (RuntimeException e) {
            status.set(new Status(State.FAILED, e.getMessage() == null ? e.toString() : e.getMessage(), 0));
            throw e;
        }
    }

    /**
     * The server's own revisions, parsed from the classpath folder {@value #CLASSPATH_FOLDER} (a folder in
     * development, the jar in a build): copied to a temporary folder, loaded, and the folder deleted.
     *
     * @throws IllegalStateException when a revision file is unreadable
     */
    public static List<Revision> bundledRevisions() {
        Path folder = extract();
        try {
            RevisionDirectory.LoadResult loaded = RevisionDirectory.load(folder);
            if (!loaded.ok()) {
                throw new IllegalStateException("Unreadable server revisions: " + loaded.errors());
            }
            return loaded.revisions();
        } finally {
            deleteQuietly(folder);
        }
    }

    private static Path extract() {
        try {
            Path target = Files.createTempDirectory("valhalla-revisions");
            List<URL> roots = Collections.list(SchemaMigration.class.getClassLoader().getResources(CLASSPATH_FOLDER));
            for (URL root : roots) {
                copyFrom(root.toURI(), target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's revision files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the server's revision files", e);
        }
    }

    private static void copyFrom(URI root, Path target) throws IOException {
        if (root.getScheme().equals("jar")) {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(root, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(root);
            }
            try {
                copySql(jar.provider().getPath(root), target);
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } else {
            copySql(Path.of(root), target);
        }
    }

    private static void copySql(Path folder, Path target) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debug("Could not delete temporary folder {}: {}", folder, e.toString());
        }
    }

    /** The status as a one-line text (for logs and health details). */
    public Optional<String> failure() {
        Status now = status.get();
        return now.state() == State.FAILED ? Optional.of(now.detail()) : Optional.empty();
    }
}
