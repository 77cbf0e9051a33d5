package dev.valhalla.migrate.revision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of revision upgrade sections, as stored in the history table to detect edited revisions.
 *
 * <p>The value carries its algorithm version as a prefix so the algorithm can change without making every
 * stored checksum look edited: a reader compares a stored value only with a checksum computed by the same
 * version, and a new version gets a new prefix ({@code v2:}, ...) while {@code v1:} values stay verifiable.
 *
 * <p>Version {@code v1}: normalize the text (remove a leading UTF-8 byte order mark, turn CRLF and lone CR
 * line endings into LF, remove whitespace at the very end of the text), encode it as UTF-8, and take the
 * SHA-256 digest as lowercase hex. So a file re-saved with other line endings, with or without a BOM, or
 * with extra trailing blank lines keeps its checksum, while any change to the SQL itself changes it.
 *
 * <p>Thread-safe.
 */
public final class Checksums {

    /** The prefix of checksums computed by {@link #of(String)}. */
    public static final String VERSION_PREFIX = "v1:";

    private Checksums() {
    }

    /**
     * The {@code v1} checksum of an upgrade section.
     *
     * @param upgradeSectionText the text between the {@code -- upgrade} and {@code -- downgrade} markers
     * @return {@code "v1:"} followed by 64 lowercase hex digits
     */
    public static String of(String upgradeSectionText) {
        byte[] bytes = normalize(upgradeSectionText).getBytes(StandardCharsets.UTF_8);
        return VERSION_PREFIX + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String normalize(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
