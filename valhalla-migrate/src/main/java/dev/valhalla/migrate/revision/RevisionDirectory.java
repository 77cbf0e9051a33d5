package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads every revision file of a directory: the {@code *.sql} files directly in it, sorted by name, then those
 * of each sub-directory (sorted by name, recursively). Hidden entries (names starting with {@code .}) and
 * symbolic links to directories are skipped. Every file is parsed even when others fail, so all problems are
 * reported at once. Duplicate ids and the graph are not checked here.
 *
 * <p>Thread-safe.
 */
public final class RevisionDirectory {

    private RevisionDirectory() {
    }

    /**
     * The outcome of loading a directory.
     *
     * @param revisions the revisions that parsed, in load order
     * @param errors    one error per file (or sub-directory) that could not be read, in load order
     */
    public record LoadResult(List<Revision> revisions, List<RevisionFormatException> errors) {

        public LoadResult {
            revisions = List.copyOf(revisions);
            errors = List.copyOf(errors);
        }

        /** Whether every file parsed. */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Loads all revision files under {@code dir}.
     *
     * @throws MigrateException (exit 2) when {@code dir} does not exist, is not a directory or cannot be listed
     */
    public static LoadResult load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MigrateException("revision directory " + dir.toAbsolutePath()
                    + (Files.exists(dir) ? " is not a directory" : " does not exist"), MigrateException.EXIT_BAD_INPUT);
        }
        List<Path> files = new ArrayList<>();
        List<RevisionFormatException> errors = new ArrayList<>();
        try {
            collect(dir, files, errors);
        } catch (IOException e) {
            throw new MigrateException("cannot read revision directory " + dir.toAbsolutePath() + ": " + e,
                    MigrateException.EXIT_BAD_INPUT, e);
        }
        List<Revision> revisions = new ArrayList<>();
        for (Path file : files) {
            try {
                revisions.add(RevisionParser.parse(file));
            } catch (RevisionFormatException e) {
                errors.add(e);
            }
        }
        return new LoadResult(revisions, errors);
    }

    private static void collect(Path dir, List<Path> files, List<RevisionFormatException> errors) throws IOException {
        List<Path> subdirectories = new ArrayList<>();
        for (Path entry : sortedEntries(dir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                subdirectories.add(entry);
            } else if (name.endsWith(".sql") && Files.isRegularFile(entry)) {
                files.add(entry);
            }
        }
        for (Path subdirectory : subdirectories) {
            try {
                collect(subdirectory, files, errors);
            } catch (IOException e) {
                // A sub-directory that cannot be listed is one more finding; the rest still loads.
                RevisionFormatException failure =
                        new RevisionFormatException(subdirectory, 0, "cannot read directory: " + e);
                failure.initCause(e);
                errors.add(failure);
            }
        }
    }

    private static List<Path> sortedEntries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        entries.sort((left, right) -> left.getFileName().toString().compareTo(right.getFileName().toString()));
        return entries;
    }
}
