package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The flags held in memory: the {@link FlagEvaluator} every evaluation reads, and the
 * {@code GET /api/client/features} body rendered once per change (and once more with every flag
 * switched off, served while the kill switch is engaged), each with its {@code ETag}, a hash of the
 * body, so every instance computes the same tag for the same state.
 *
 * <p>{@link #reload()} reads the live flags and segments from the primary; it runs at start, on every
 * {@value #TOPIC} notification (any instance's change, this one's included), on the notifier's
 * periodic refresh, and right after this instance commits a change. No evaluation touches the database.
 * Thread-safe: readers take volatile snapshots; reloads are serialized.
 */
final class FlagSnapshot {

    /** The change-notification topic of flag and segment changes. */
    static final String TOPIC = "flags";
    private static final Logger LOG = LoggerFactory.getLogger(FlagSnapshot.class);

    /**
     * The client-features document as served.
     *
     * @param body         the document
     * @param etag         its strong entity tag, quoted
     * @param killedBody   the document with every flag {@code enabled: false}
     * @param killedEtag   its entity tag
     */
    record Documents(String body, String etag, String killedBody, String killedEtag) {
    }

    private final Database database;
    private final FlagEvaluator evaluator;
    private final ClientFeaturesFormat format;
    private volatile Documents documents;

    FlagSnapshot(Database database, Clock clock) {
        this.database = database;
        this.evaluator = new FlagEvaluator(FlagState.empty(), clock, null);
        this.format = new ClientFeaturesFormat(new ObjectMapper());
        this.documents = render(FlagState.empty());
    }

    /** The evaluator over the current flags. */
    FlagEvaluator evaluator() {
        return evaluator;
    }

    /** The current client-features documents. */
    Documents documents() {
        return documents;
    }

    /** Replaces the snapshot with the live flags and segments in the database. */
    synchronized void reload() {
        FlagState state = database.inTransaction(handle -> {
            FlagStore store = new FlagStore(handle);
            return state(store.flags(false), store.segments());
        });
        evaluator.replace(state);
        documents = render(state);
        LOG.debug("Flags reloaded: {}", state);
    }

    /** Reloads, logging instead of throwing (the notifier's callback; the last snapshot stays). */
    void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // recover: keep evaluating the last snapshot; the next notification or refresh retries
            LOG.warn("Could not reload the flags; keeping the last snapshot: {}", e.toString());
        }
    }

    /** The snapshot of stored definitions. */
    FlagState state(List<StoredFlag> flags, List<StoredSegment> segments) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("version", FlagState.DEFAULT_VERSION);
        ArrayNode features = document.putArray("features");
        flags.forEach(flag -> features.add(flag.definition()));
        ArrayNode segmentArray = document.putArray("segments");
        segments.forEach(segment -> segmentArray.add(segment.definition()));
        return format.read(document);
    }

    /** A body of the client-features document restricted to a name prefix and/or project. */
    String filtered(String namePrefix, String project, boolean killed) {
        FlagState state = evaluator.state();
        List<Flag> kept = state.flags().stream()
                .filter(flag -> namePrefix == null || flag.name().startsWith(namePrefix))
                .filter(flag -> project == null || project.equals(flag.project() == null ? "default" : flag.project()))
                .toList();
        ObjectNode document = format.write(FlagState.of(state.version(), kept, state.segments()));
        return (killed ? switchedOff(document) : document).toString();
    }

    private Documents render(FlagState state) {
        ObjectNode document = format.write(state);
        String body = document.toString();
        String killed = switchedOff(document).toString();
        return new Documents(body, etag(body), killed, etag(killed));
    }

    private static ObjectNode switchedOff(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        for (JsonNode feature : copy.path("features")) {
            ((ObjectNode) feature).put("enabled", false);
        }
        return copy;
    }

    /** A strong entity tag of a body: quoted, the first 128 bits of its SHA-256 in hex. */
    static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }

    /** Whether an {@code If-None-Match} header value lists {@code etag} (weak comparison) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || Objects.equals(trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed, etag)) {
                return true;
            }
        }
        return false;
    }
}
