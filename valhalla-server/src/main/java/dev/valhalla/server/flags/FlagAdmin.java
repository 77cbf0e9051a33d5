package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.ConflictException;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.events.ChangeNotifier;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Changes to flags and segments, each inside the caller's transaction: validated against the state
 * the change would produce (every error listed, nothing written on any), written, audited with
 * before and after, and announced on {@value FlagSnapshot#TOPIC}. Writers are serialized by
 * {@link FlagStore#lock()}. Thread-safe (stateless apart from its collaborators).
 */
final class FlagAdmin {

    private final AuditTrail audit;
    private final ChangeNotifier changes;
    private final Clock clock;
    private final FlagImport importer;

    FlagAdmin(AuditTrail audit, ChangeNotifier changes, Clock clock) {
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
        this.importer = new FlagImport(audit, clock);
    }

    StoredFlag create(Handle handle, JsonNode body, String actor, String reason) {
        FlagStore store = new FlagStore(handle);
        store.lock();
        Flag flag = validated(store, body, "");
        StoredFlag before = store.flag(flag.name()).orElse(null);
        if (before != null && !before.archived()) {
            throw new ConflictException("Flag '" + flag.name() + "' already exists; update it with PUT /system/flags/"
                    + flag.name());
        }
        StoredFlag after = store.create(flag.name(), new ClientFeaturesWriter().flag(flag), actor, clock.instant());
        audit.record(handle, new AuditEntry(actor, before == null ? "flag.create" : "flag.revive", "flag",
                flag.name(), before, after, reason));
        changes.publish(handle, FlagSnapshot.TOPIC);
        return after;
    }

    StoredFlag update(Handle handle, String name, JsonNode body, String actor, String reason) {
        FlagStore store = new FlagStore(handle);
        store.lock();
        StoredFlag before = live(store, name);
        if (body != null && body.isObject() && !body.has("name")) {
            body = ((ObjectNode) body).deepCopy().put("name", name);
        }
        if (body != null && body.path("name").isTextual() && !body.path("name").asText().equals(name)) {
            throw new FlagValidationException(List.of(new FieldError("/name",
                    "must equal the flag name in the path ('" + name + "'); flags cannot be renamed")));
        }
        Flag flag = validated(store, body, "");
        StoredFlag after = store.update(name, new ClientFeaturesWriter().flag(flag), actor, clock.instant());
        audit.record(handle, new AuditEntry(actor, "flag.update", "flag", name, before, after, reason));
        changes.publish(handle, FlagSnapshot.TOPIC);
        return after;
    }

    StoredFlag archive(Handle handle, String name, String actor, String reason) {
        FlagStore store = new FlagStore(handle);
        store.lock();
        StoredFlag before = live(store, name);
        List<String> children = store.flags(false).stream()
                .filter(flag -> parentsOf(flag.definition()).contains(name)).map(StoredFlag::name).toList();
        if (!children.isEmpty()) {
            throw new ConflictException("Flag '" + name + "' cannot be archived: " + children + " depend on it");
        }
        StoredFlag after = store.archive(name, actor, clock.instant());
        audit.record(handle, new AuditEntry(actor, "flag.archive", "flag", name, before, after, reason));
        changes.publish(handle, FlagSnapshot.TOPIC);
        return after;
    }

    FlagImport.Result importDocument(Handle handle, JsonNode body, String actor, String reason) {
        FlagStore store = new FlagStore(handle);
        store.lock();
        FlagImport.Result result = importer.apply(handle, store, body, actor, reason);
        changes.publish(handle, FlagSnapshot.TOPIC);
        return result;
    }

    /** Creates ({@code id} null: the body's id or the next free one) or replaces a segment. */
    StoredSegment putSegment(Handle handle, Integer id, JsonNode body, String actor, String reason) {
        FlagStore store = new FlagStore(handle);
        store.lock();
        if (id != null && body != null && body.isObject() && body.has("id")
                && !(body.path("id").isInt() && body.path("id").intValue() == id)) {
            throw new FlagValidationException(List.of(new FieldError("/id", "must equal the segment id in the path (" + id + ")")));
        }
        FlagDocuments.Read<Segment> read = FlagDocuments.segment(body, id != null ? id : store.nextSegmentId());
        List<FieldError> errors = new ArrayList<>(read.errors());
        if (read.value() != null) {
            FlagValidation.segment(read.value(), "", errors);
        }
        FlagValidationException.failOn(errors);
        Segment segment = read.value();
        StoredSegment before = store.segment(segment.id()).orElse(null);
        if (id == null && before != null) {
            throw new ConflictException("Segment " + segment.id() + " already exists; replace it with PUT /system/segments/"
                    + segment.id());
        }
        if (id != null && before == null) {
            throw new NotFoundException("No segment " + id);
        }
        StoredSegment after = store.putSegment(segment.id(), new ClientFeaturesWriter().segment(segment), actor,
                clock.instant());
        audit.record(handle, new AuditEntry(actor, before == null ? "segment.create" : "segment.update", "flag_segment",
                Integer.toString(segment.id()), before, after, reason));
        changes.publish(handle, FlagSnapshot.TOPIC);
        return after;
    }

    void deleteSegment(Handle handle, int id, String actor, String reason) {
        FlagStore store = new FlagStore(handle);
        store.lock();
        StoredSegment before = store.segment(id).orElseThrow(() -> new NotFoundException("No segment " + id));
        List<String> users = store.flags(false).stream()
                .filter(flag -> segmentsOf(flag.definition()).contains(id)).map(StoredFlag::name).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("Segment " + id + " cannot be deleted: flags " + users + " use it");
        }
        store.deleteSegment(id);
        audit.record(handle, new AuditEntry(actor, "segment.delete", "flag_segment", Integer.toString(id), before, null,
                reason));
        changes.publish(handle, FlagSnapshot.TOPIC);
    }

    private static StoredFlag live(FlagStore store, String name) {
        return store.flag(name).filter(flag -> !flag.archived())
                .orElseThrow(() -> new NotFoundException("No flag '" + name + "'"));
    }

    /** Reads and checks a flag body against the stored flags with it in place; throws listing every error. */
    private static Flag validated(FlagStore store, JsonNode body, String at) {
        FlagDocuments.Read<Flag> read = FlagDocuments.flag(body);
        List<FieldError> errors = new ArrayList<>(read.errors());
        Flag flag = read.value();
        if (flag != null) {
            Map<String, List<String>> parents = new LinkedHashMap<>();
            store.flags(false).forEach(stored -> parents.put(stored.name(), parentsOf(stored.definition())));
            parents.put(flag.name(), flag.dependencies().stream().map(Dependency::feature).toList());
            Set<Integer> segments = store.segments().stream().map(StoredSegment::id).collect(Collectors.toSet());
            flag = FlagValidation.flag(flag, at, new FlagValidation.Universe(segments, parents), errors);
        }
        FlagValidationException.failOn(errors);
        return flag;
    }

    static List<String> parentsOf(JsonNode definition) {
        List<String> parents = new ArrayList<>();
        definition.path("dependencies").forEach(dependency -> parents.add(dependency.path("feature").asText()));
        return parents;
    }

    private static Set<Integer> segmentsOf(JsonNode definition) {
        Set<Integer> ids = new HashSet<>();
        definition.path("strategies").forEach(strategy -> strategy.path("segments").forEach(id -> ids.add(id.asInt())));
        return ids;
    }
}
