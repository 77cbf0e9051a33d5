package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Creates new revision files: ids made of a UTC timestamp and a slug of the message, and files with the
 * header of {@link Revision}'s format, an empty upgrade section and an empty downgrade section.
 *
 * <p>Thread-safe.
 */
public final class RevisionWriter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG_LENGTH = 40;

    private RevisionWriter() {
    }

    /**
     * A new revision id: {@code yyyyMMddHHmmss_<slug>} in UTC, the slug being the message in lowercase ASCII
     * (accents removed, every run of other characters turned into {@code _}, at most 40 characters), or
     * {@code revision} when nothing is left.
     */
    public static String newId(Clock clock, String message) {
        return TIMESTAMP.format(clock.instant()) + "_" + slug(message == null ? "" : message);
    }

    static String slug(String message) {
        String ascii = Normalizer.normalize(message, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = trimUnderscores(ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = trimUnderscores(slug.substring(0, MAX_SLUG_LENGTH));
        }
        return slug.isEmpty() ? "revision" : slug;
    }

    private static String trimUnderscores(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '_') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '_') {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Writes {@code <dir>/<id>.sql}, creating {@code dir} if needed.
     *
     * @param parents the parent ids, written in this order (empty for a base)
     * @param message the one-line message; line breaks are replaced by spaces
     * @return the file written
     * @throws MigrateException (exit 2) when the file already exists, an id is malformed, or writing fails
     */
    public static Path write(Path dir, String id, List<String> parents, String message) {
        requireId(id);
        parents.forEach(RevisionWriter::requireId);
        Path file = dir.resolve(id + ".sql");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, content(id, parents, message), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new MigrateException("revision file " + file + " already exists; not overwriting it",
                    MigrateException.EXIT_BAD_INPUT, e);
        } catch (IOException e) {
            throw new MigrateException("cannot write revision file " + file + ": " + e, MigrateException.EXIT_BAD_INPUT, e);
        }
        return file;
    }

    private static String content(String id, List<String> parents, String message) {
        String oneLine = message == null ? "" : message.replaceAll("[\\r\\n]+", " ").strip();
        return "-- id: " + id + "\n"
                + "-- parents: " + String.join(", ", parents) + "\n"
                + "-- message: " + oneLine + "\n"
                + "-- transactional: yes\n"
                + "\n"
                + "-- upgrade\n"
                + "\n"
                + "\n"
                + "-- downgrade\n"
                + "\n";
    }

    private static void requireId(String id) {
        if (id == null || !HeaderParser.ID.matcher(id).matches()) {
            throw new MigrateException("malformed revision id '" + id + "' (expected letters, digits, '_', '.', '-', "
                    + "starting with a letter or digit)", MigrateException.EXIT_BAD_INPUT);
        }
    }
}
