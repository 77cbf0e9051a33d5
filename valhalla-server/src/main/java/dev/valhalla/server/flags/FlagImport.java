package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.FieldError;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the stored flags and segments equal to an Unleash client-features document in the caller's
 * transaction: flags of the document are created (or revived), changed ones updated, identical ones
 * left alone, live flags missing from it archived; segments likewise, those missing deleted. The
 * document is validated as a whole first (dependencies and segments resolve within it), every error
 * listed by pointer into it, and nothing is written on any. Each change is audited, plus one summary.
 */
final class FlagImport {

    /**
     * What an import changed.
     *
     * @param created   flags created or revived
     * @param updated   flags whose definition changed
     * @param archived  live flags missing from the document
     * @param unchanged flags already equal
     * @param segments  segment ids created, updated and deleted
     */
    record Result(List<String> created, List<String> updated, List<String> archived, List<String> unchanged,
                  Map<String, List<Integer>> segments) {
    }

    private final AuditTrail audit;
    private final Clock clock;

    FlagImport(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    Result apply(Handle handle, FlagStore store, JsonNode body, String actor, String reason) {
        List<FieldError> errors = new ArrayList<>();
        FlagDocuments.Read<FlagState> read = FlagDocuments.document(body);
        errors.addAll(read.errors());
        FlagState state = read.value();
        List<Flag> flags = validate(body, state, errors);
        FlagValidationException.failOn(errors);
        Instant now = clock.instant();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> archived = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, StoredFlag> existing = store.flags(true).stream()
                .collect(Collectors.toMap(StoredFlag::name, Function.identity()));
        Map<String, List<Integer>> segmentChanges = segments(handle, store, state.segments(), actor, reason, now);
        for (Flag flag : flags) {
            JsonNode definition = new ClientFeaturesWriter().flag(flag);
            StoredFlag before = existing.get(flag.name());
            if (before != null && !before.archived() && before.definition().equals(definition)) {
                unchanged.add(flag.name());
                continue;
            }
            boolean live = before != null && !before.archived();
            StoredFlag after = live ? store.update(flag.name(), definition, actor, now)
                    : store.create(flag.name(), definition, actor, now);
            (live ? updated : created).add(flag.name());
            audit.record(handle, new AuditEntry(actor, live ? "flag.update" : before == null ? "flag.create" : "flag.revive",
                    "flag", flag.name(), before, after, reason(reason)));
        }
        Set<String> kept = flags.stream().map(Flag::name).collect(Collectors.toSet());
        for (StoredFlag before : existing.values().stream().filter(f -> !f.archived() && !kept.contains(f.name())).toList()) {
            StoredFlag after = store.archive(before.name(), actor, now);
            archived.add(before.name());
            audit.record(handle, new AuditEntry(actor, "flag.archive", "flag", before.name(), before, after, reason(reason)));
        }
        Result result = new Result(created, updated, archived, unchanged, segmentChanges);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("created", created);
        summary.put("updated", updated);
        summary.put("archived", archived);
        summary.put("unchanged", unchanged.size());
        summary.put("segments", segmentChanges);
        audit.record(handle, new AuditEntry(actor, "flag.import", "flag", "*", null, summary, reason));
        return result;
    }

    private static String reason(String reason) {
        return reason == null ? "import" : "import: " + reason;
    }

    /** Checks every flag and segment of the document; returns the flags, normalized, in document order. */
    private static List<Flag> validate(JsonNode body, FlagState state, List<FieldError> errors) {
        JsonNode features = body == null ? null : body.path("features");
        JsonNode segmentNodes = body == null ? null : body.path("segments");
        Set<Integer> segmentIds = new HashSet<>();
        if (segmentNodes != null && segmentNodes.isArray()) {
            for (int i = 0; i < segmentNodes.size(); i++) {
                JsonNode id = segmentNodes.get(i).path("id");
                if (!id.isInt()) {
                    continue;
                }
                if (!segmentIds.add(id.intValue())) {
                    errors.add(new FieldError("/segments/" + i + "/id", "duplicate segment id " + id.intValue()));
                    continue;
                }
                int index = i;
                state.segment(id.intValue()).ifPresent(s -> FlagValidation.segment(s, "/segments/" + index, errors));
            }
        }
        Map<String, List<String>> parents = new HashMap<>();
        state.flags().forEach(flag -> parents.put(flag.name(), flag.dependencies().stream().map(Dependency::feature).toList()));
        FlagValidation.Universe universe = new FlagValidation.Universe(segmentIds, parents);
        List<Flag> flags = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (features == null || !features.isArray()) {
            return flags;
        }
        for (int i = 0; i < features.size(); i++) {
            JsonNode name = features.get(i).path("name");
            if (!name.isTextual()) {
                continue;
            }
            if (!names.add(name.textValue())) {
                errors.add(new FieldError("/features/" + i + "/name", "duplicate flag name '" + name.textValue() + "'"));
                continue;
            }
            int index = i;
            state.flag(name.textValue()).ifPresent(flag -> flags.add(FlagValidation.flag(flag, "/features/" + index,
                    universe, errors)));
        }
        return flags;
    }

    private Map<String, List<Integer>> segments(Handle handle, FlagStore store, List<Segment> wanted, String actor,
                                                String reason, Instant now) {
        Map<Integer, StoredSegment> existing = store.segments().stream()
                .collect(Collectors.toMap(StoredSegment::id, Function.identity()));
        List<Integer> created = new ArrayList<>();
        List<Integer> updated = new ArrayList<>();
        List<Integer> deleted = new ArrayList<>();
        for (Segment segment : wanted) {
            JsonNode definition = new ClientFeaturesWriter().segment(segment);
            StoredSegment before = existing.get(segment.id());
            if (before != null && before.definition().equals(definition)) {
                continue;
            }
            StoredSegment after = store.putSegment(segment.id(), definition, actor, now);
            (before == null ? created : updated).add(segment.id());
            audit.record(handle, new AuditEntry(actor, before == null ? "segment.create" : "segment.update",
                    "flag_segment", Integer.toString(segment.id()), before, after, reason(reason)));
        }
        Set<Integer> kept = wanted.stream().map(Segment::id).collect(Collectors.toSet());
        for (StoredSegment before : existing.values().stream().filter(s -> !kept.contains(s.id())).toList()) {
            store.deleteSegment(before.id());
            deleted.add(before.id());
            audit.record(handle, new AuditEntry(actor, "segment.delete", "flag_segment", Integer.toString(before.id()),
                    before, null, reason(reason)));
        }
        Map<String, List<Integer>> changes = new LinkedHashMap<>();
        changes.put("created", created);
        changes.put("updated", updated);
        changes.put("deleted", deleted);
        return changes;
    }
}
