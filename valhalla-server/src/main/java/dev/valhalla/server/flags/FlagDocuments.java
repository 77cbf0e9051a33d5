package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.error.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one flag or one segment of an admin request with the client-features reader, reporting
 * structural errors by JSON pointer into the request body, and (unlike the lenient client-features
 * format) refusing members the format does not define, so a typo is not silently ignored.
 */
final class FlagDocuments {

    private static final Map<String, Set<String>> MEMBERS = Map.of(
            "flag", Set.of("name", "enabled", "description", "project", "type", "stale", "impressionData",
                    "strategies", "variants", "dependencies"),
            "strategy", Set.of("name", "parameters", "constraints", "segments", "variants"),
            "constraint", Set.of("contextName", "operator", "values", "value", "inverted", "caseInsensitive"),
            "variant", Set.of("name", "weight", "weightType", "stickiness", "payload", "overrides"),
            "payload", Set.of("type", "value"),
            "override", Set.of("contextName", "values"),
            "dependency", Set.of("feature", "enabled", "variants"),
            "segment", Set.of("id", "name", "constraints"));

    /** What was read: the value when it could be read at all, and every error. */
    record Read<T>(T value, List<FieldError> errors) {
    }

    private FlagDocuments() {
    }

    /** One flag from an admin request body. */
    static Read<Flag> flag(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object describing a flag"));
            return new Read<>(null, errors);
        }
        unknownMembers(body, "flag", "", errors);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putArray("features").add(body);
        ClientFeaturesReader reader = new ClientFeaturesReader();
        FlagState state = reader.features(document);
        reader.errors().forEach(error -> errors.add(new FieldError(strip(error.field(), "/features/0"), error.message())));
        return new Read<>(state.flags().isEmpty() ? null : state.flags().get(0), errors);
    }

    /** One segment from an admin request body; a missing id is filled in with {@code assignedId}. */
    static Read<Segment> segment(JsonNode body, int assignedId) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object describing a segment"));
            return new Read<>(null, errors);
        }
        unknownMembers(body, "segment", "", errors);
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        if (!copy.hasNonNull("id")) {
            copy.put("id", assignedId);
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putArray("segments").add(copy);
        ClientFeaturesReader reader = new ClientFeaturesReader();
        FlagState state = reader.features(document);
        reader.errors().forEach(error -> errors.add(new FieldError(strip(error.field(), "/segments/0"), error.message())));
        return new Read<>(state.segments().isEmpty() ? null : state.segments().get(0), errors);
    }

    /** A whole client-features document (import): lenient about unknown members, as Unleash adds them. */
    static Read<FlagState> document(JsonNode body) {
        ClientFeaturesReader reader = new ClientFeaturesReader();
        FlagState state = reader.features(body);
        List<FieldError> errors = new ArrayList<>(reader.errors());
        if (body != null && body.isObject() && !body.path("features").isArray()) {
            errors.add(new FieldError("/features", "is required: the flags Valhalla should hold"));
        }
        return new Read<>(state, errors);
    }

    private static String strip(String pointer, String prefix) {
        if (pointer.equals(prefix)) {
            return "";
        }
        return pointer.startsWith(prefix + "/") ? pointer.substring(prefix.length()) : pointer;
    }

    private static void unknownMembers(JsonNode node, String kind, String at, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            return;
        }
        Set<String> known = MEMBERS.get(kind);
        node.properties().forEach(member -> {
            String pointer = at + "/" + ClientFeaturesReader.escape(member.getKey());
            if (!known.contains(member.getKey())) {
                errors.add(new FieldError(pointer, "unknown member; expected one of " + known.stream().sorted().toList()));
                return;
            }
            JsonNode value = member.getValue();
            switch (kind + "." + member.getKey()) {
                case "flag.strategies" -> each(value, "strategy", pointer, errors);
                case "flag.variants", "strategy.variants" -> each(value, "variant", pointer, errors);
                case "flag.dependencies" -> each(value, "dependency", pointer, errors);
                case "strategy.constraints", "segment.constraints" -> each(value, "constraint", pointer, errors);
                case "variant.overrides" -> each(value, "override", pointer, errors);
                case "variant.payload" -> unknownMembers(value, "payload", pointer, errors);
                default -> {
                }
            }
        });
    }

    private static void each(JsonNode array, String kind, String at, List<FieldError> errors) {
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                unknownMembers(array.get(i), kind, at + "/" + i, errors);
            }
        }
    }
}
