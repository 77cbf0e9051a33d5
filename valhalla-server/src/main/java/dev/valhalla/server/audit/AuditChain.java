package dev.valhalla.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The hash that links audit rows: SHA-256 over the previous row's hash and this row's content. */
final class AuditChain {

    /** The previous hash of the first row. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /**
     * {@code hex(sha256(previousHash + "\n" + content))} where content is a JSON array of every stored
     * field in a fixed order, the JSON values already canonical.
     */
    static String hash(CanonicalJson canonical, AuditRow row) {
        String content = canonical.write(Arrays.asList(row.id(), row.occurredAt().toString(), row.actor(), row.action(),
                row.targetType(), row.targetId(), row.before(), row.after(), row.reason(), row.correlationId()));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(row.previousHash().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
