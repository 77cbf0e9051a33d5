package dev.valhalla.server.governance;

import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.RevisionDirectory;
import dev.valhalla.server.core.db.SchemaMigration;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checksums of the server's own revision files (the classpath folder the schema migration
 * applies), read once, so the runbook can compare them with the migration history.
 */
final class ServerRevisions {

    private ServerRevisions() {
    }

    /** Revision id → checksum, in file order. */
    static Map<String, String> checksums() {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("valhalla-runbook-revisions");
            for (URL root : Collections.list(ServerRevisions.class.getClassLoader().getResources(SchemaMigration.CLASSPATH_FOLDER))) {
                copyFrom(root.toURI(), folder);
            }
            RevisionDirectory.LoadResult loaded = RevisionDirectory.load(folder);
            if (!loaded.ok()) {
                throw new IllegalStateException("unreadable server revisions: " + loaded.errors());
            }
            Map<String, String> checksums = new LinkedHashMap<>();
            for (Revision revision : loaded.revisions()) {
                checksums.put(revision.id(), revision.checksum());
            }
            return checksums;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's revision files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the server's revision files", e);
        } finally {
            if (folder != null) {
                delete(folder);
            }
        }
    }

    private static void copyFrom(URI root, Path target) throws IOException {
        if (!root.getScheme().equals("jar")) {
            copySql(Path.of(root), target);
            return;
        }
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
    }

    private static void copySql(Path folder, Path target) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target.resolve(file.getFileName().toString()));
                }
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + folder, e);
        }
    }
}
