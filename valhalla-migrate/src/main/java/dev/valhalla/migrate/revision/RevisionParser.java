package dev.valhalla.migrate.revision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one revision file: strict UTF-8 (a byte order mark is tolerated), a header of {@code -- key: value}
 * lines, then a {@code -- upgrade} marker and optionally a {@code -- downgrade} marker, each on a line of its
 * own (case-insensitive). The format is described on {@link Revision}.
 *
 * <p>Markers are recognised line by line before the SQL is split, so a line reading exactly
 * {@code -- downgrade} always starts the downgrade section, even inside a dollar-quoted body.
 *
 * <p>Thread-safe.
 */
public final class RevisionParser {

    private static final String UPGRADE = "-- upgrade";
    private static final String DOWNGRADE = "-- downgrade";

    private RevisionParser() {
    }

    /**
     * Parses {@code file}.
     *
     * @return the revision with its statements split and its upgrade checksum computed
     * @throws RevisionFormatException on any problem, with the line where it is (0 when it concerns the whole
     *                                 file): unreadable or non-UTF-8 file, empty file, malformed header,
     *                                 misplaced or missing markers, unterminated quote or comment
     */
    public static Revision parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw withCause(new RevisionFormatException(file, 0, "cannot read file: " + e), e);
        }
        String text = RevisionText.decode(file, bytes);
        if (text.isBlank()) {
            throw new RevisionFormatException(file, 0, "empty revision file");
        }
        List<String> lines = Arrays.asList(text.split("\n", -1));
        HeaderParser header = new HeaderParser(file);
        int upgradeIndex = readHeader(file, lines, header);
        RevisionHeader values = header.finish();
        int downgradeIndex = findDowngrade(file, lines, upgradeIndex);
        int upgradeEnd = downgradeIndex < 0 ? lines.size() : downgradeIndex;
        String upgradeText = String.join("\n", lines.subList(upgradeIndex + 1, upgradeEnd));
        List<SqlStatement> upgrade = split(file, upgradeText, upgradeIndex + 2);
        List<SqlStatement> downgrade = downgradeIndex < 0 ? List.of()
                : split(file, String.join("\n", lines.subList(downgradeIndex + 1, lines.size())), downgradeIndex + 2);
        return new Revision(values.id(), values.parents(), values.message(), values.transactional(),
                values.lockTimeout(), values.statementTimeout(), upgrade, downgrade, downgradeIndex >= 0,
                values.lintIgnores(), file, Checksums.of(upgradeText));
    }

    /** Feeds header lines to {@code header}; returns the index of the upgrade marker line. */
    private static int readHeader(Path file, List<String> lines, HeaderParser header) {
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (isMarker(line, UPGRADE)) {
                return index;
            }
            if (isMarker(line, DOWNGRADE)) {
                throw new RevisionFormatException(file, index + 1, "'-- downgrade' marker before the '-- upgrade' marker");
            }
            if (!line.isBlank()) {
                header.accept(line, index + 1);
            }
        }
        throw new RevisionFormatException(file, 0,
                "missing '-- upgrade' marker (a line reading '-- upgrade' must follow the header)");
    }

    /** The index of the downgrade marker line, or -1; rejects repeated markers. */
    private static int findDowngrade(Path file, List<String> lines, int upgradeIndex) {
        int downgradeIndex = -1;
        for (int index = upgradeIndex + 1; index < lines.size(); index++) {
            String line = lines.get(index);
            if (isMarker(line, UPGRADE)) {
                throw new RevisionFormatException(file, index + 1,
                        "second '-- upgrade' marker (the first is at line " + (upgradeIndex + 1) + ")");
            }
            if (isMarker(line, DOWNGRADE)) {
                if (downgradeIndex >= 0) {
                    throw new RevisionFormatException(file, index + 1,
                            "second '-- downgrade' marker (the first is at line " + (downgradeIndex + 1) + ")");
                }
                downgradeIndex = index;
            }
        }
        return downgradeIndex;
    }

    private static List<SqlStatement> split(Path file, String section, int firstLine) {
        try {
            return SqlSplitter.split(section, firstLine);
        } catch (SqlSyntaxException e) {
            throw withCause(new RevisionFormatException(file, e.line(), e.getMessage()), e);
        }
    }

    private static RevisionFormatException withCause(RevisionFormatException failure, Exception cause) {
        failure.initCause(cause);
        return failure;
    }

    private static boolean isMarker(String line, String marker) {
        return line.strip().equalsIgnoreCase(marker);
    }
}
