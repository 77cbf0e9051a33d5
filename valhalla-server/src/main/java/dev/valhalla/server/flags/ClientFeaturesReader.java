package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.core.error.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads the Unleash client-features and delta documents from a JSON tree, collecting every structural
 * error with its JSON pointer instead of stopping at the first. Unknown members are ignored (Unleash
 * adds members over time); semantic checks (operators, weights, cycles) are not made here.
 * One instance reads one document.
 */
final class ClientFeaturesReader {

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    FlagState features(JsonNode document) {
        if (!object(document, "")) {
            return FlagState.empty();
        }
        int version = document.path("version").isInt() ? document.get("version").intValue() : FlagState.DEFAULT_VERSION;
        if (document.has("version") && !document.get("version").isInt()) {
            error("/version", "must be an integer");
        }
        List<Flag> flags = list(document, "features", "", objects(this::flag));
        List<Segment> segments = list(document, "segments", "", objects(this::segment));
        return FlagState.of(version, flags, segments);
    }

    List<DeltaEvent> delta(JsonNode document) {
        if (!object(document, "")) {
            return List.of();
        }
        if (!document.path("events").isArray()) {
            error("/events", "must be an array");
            return List.of();
        }
        return list(document, "events", "", objects(this::event));
    }

    private DeltaEvent event(JsonNode node, String at) {
        long eventId = node.path("eventId").isIntegralNumber() ? node.get("eventId").longValue() : 0;
        if (!node.path("eventId").isIntegralNumber()) {
            error(at + "/eventId", "must be an integer");
        }
        String type = text(node, "type", at, true);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "hydration" -> new DeltaEvent.Hydration(eventId, list(node, "features", at, objects(this::flag)),
                    list(node, "segments", at, objects(this::segment)));
            case "feature-updated" -> objectOrNull(node, "feature", at, this::flag,
                    flag -> new DeltaEvent.FeatureUpdated(eventId, flag));
            case "feature-removed" -> {
                String name = text(node, "featureName", at, true);
                yield name == null ? null : new DeltaEvent.FeatureRemoved(eventId, name, text(node, "project", at, false));
            }
            case "segment-updated" -> objectOrNull(node, "segment", at, this::segment,
                    segment -> new DeltaEvent.SegmentUpdated(eventId, segment));
            case "segment-removed" -> {
                Integer id = integer(node, "segmentId", at, true);
                yield id == null ? null : new DeltaEvent.SegmentRemoved(eventId, id);
            }
            default -> {
                error(at + "/type", "unknown delta event type '" + type + "'");
                yield null;
            }
        };
    }

    private Flag flag(JsonNode node, String at) {
        String name = text(node, "name", at, true);
        Boolean enabled = bool(node, "enabled", at, null);
        if (enabled == null && (node.path("enabled").isMissingNode() || node.path("enabled").isNull())) {
            error(at + "/enabled", "is required");
        }
        List<Strategy> strategies = list(node, "strategies", at, objects(this::strategy));
        List<VariantDefinition> variants = list(node, "variants", at, objects(this::variant));
        List<Dependency> dependencies = list(node, "dependencies", at, objects(this::dependency));
        if (name == null || enabled == null) {
            return null;
        }
        return new Flag(name, enabled, text(node, "description", at, false), text(node, "project", at, false),
                text(node, "type", at, false), bool(node, "stale", at, false),
                bool(node, "impressionData", at, false), strategies, variants, dependencies);
    }

    private Strategy strategy(JsonNode node, String at) {
        String name = text(node, "name", at, true);
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = node.path("parameters");
        if (params.isObject()) {
            params.properties().forEach(entry -> {
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                    parameters.put(entry.getKey(), entry.getValue().asText());
                } else if (!entry.getValue().isNull()) {
                    error(at + "/parameters/" + escape(entry.getKey()), "must be a string, number or boolean");
                }
            });
        } else if (!params.isMissingNode() && !params.isNull()) {
            error(at + "/parameters", "must be an object");
        }
        List<Constraint> constraints = list(node, "constraints", at, objects(this::constraint));
        List<Integer> segments = list(node, "segments", at, (value, pointer) -> {
            if (!value.isInt()) {
                error(pointer, "must be an integer segment id");
                return null;
            }
            return value.intValue();
        });
        List<VariantDefinition> variants = list(node, "variants", at, objects(this::variant));
        return name == null ? null : new Strategy(name, parameters, constraints, segments, variants);
    }

    private Constraint constraint(JsonNode node, String at) {
        String contextName = text(node, "contextName", at, true);
        String operator = text(node, "operator", at, true);
        List<String> values = strings(node, "values", at);
        String value = text(node, "value", at, false);
        boolean inverted = bool(node, "inverted", at, false);
        boolean caseInsensitive = bool(node, "caseInsensitive", at, false);
        if (contextName == null || operator == null) {
            return null;
        }
        return new Constraint(contextName, operator, values, value, inverted, caseInsensitive);
    }

    private Segment segment(JsonNode node, String at) {
        Integer id = integer(node, "id", at, true);
        List<Constraint> constraints = list(node, "constraints", at, objects(this::constraint));
        return id == null ? null : new Segment(id, text(node, "name", at, false), constraints);
    }

    private VariantDefinition variant(JsonNode node, String at) {
        String name = text(node, "name", at, true);
        Integer weight = integer(node, "weight", at, false);
        Payload payload = null;
        JsonNode payloadNode = node.path("payload");
        if (payloadNode.isObject()) {
            String type = text(payloadNode, "type", at + "/payload", true);
            String value = text(payloadNode, "value", at + "/payload", true);
            payload = type == null || value == null ? null : new Payload(type, value);
        } else if (!payloadNode.isMissingNode() && !payloadNode.isNull()) {
            error(at + "/payload", "must be an object");
        }
        List<VariantOverride> overrides = list(node, "overrides", at, objects((value, pointer) -> {
            String contextName = text(value, "contextName", pointer, true);
            List<String> values = strings(value, "values", pointer);
            return contextName == null ? null : new VariantOverride(contextName, values);
        }));
        if (name == null) {
            return null;
        }
        return new VariantDefinition(name, weight == null ? 0 : weight, text(node, "weightType", at, false),
                text(node, "stickiness", at, false), payload, overrides);
    }

    private Dependency dependency(JsonNode node, String at) {
        String feature = text(node, "feature", at, true);
        boolean enabled = bool(node, "enabled", at, true);
        List<String> variants = strings(node, "variants", at);
        return feature == null ? null : new Dependency(feature, enabled, variants);
    }

    private <T> List<T> list(JsonNode parent, String field, String at, BiFunction<JsonNode, String, T> reader) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        String pointer = at + "/" + field;
        if (!node.isArray()) {
            error(pointer, "must be an array");
            return List.of();
        }
        List<T> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPointer = pointer + "/" + i;
            T value = reader.apply(item, itemPointer);
            if (value != null) {
                items.add(value);
            }
        }
        return items;
    }

    /** The reader, applied only to objects (anything else is an error at its pointer). */
    private <T> BiFunction<JsonNode, String, T> objects(BiFunction<JsonNode, String, T> reader) {
        return (node, pointer) -> object(node, pointer) ? reader.apply(node, pointer) : null;
    }

    private <T, R> R objectOrNull(JsonNode parent, String field, String at, BiFunction<JsonNode, String, T> reader,
                                  Function<T, R> wrap) {
        JsonNode node = parent.path(field);
        if (!object(node, at + "/" + field)) {
            return null;
        }
        T value = reader.apply(node, at + "/" + field);
        return value == null ? null : wrap.apply(value);
    }

    private boolean object(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            error(pointer, "must be an object");
            return false;
        }
        return true;
    }

    private List<String> strings(JsonNode parent, String field, String at) {
        return list(parent, field, at, (value, pointer) -> {
            if (!value.isValueNode() || value.isNull()) {
                error(pointer, "must be a string");
                return null;
            }
            return value.asText();
        });
    }

    private String text(JsonNode parent, String field, String at, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                error(at + "/" + field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            error(at + "/" + field, "must be a string");
            return null;
        }
        return node.textValue();
    }

    private Integer integer(JsonNode parent, String field, String at, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                error(at + "/" + field, "is required");
            }
            return null;
        }
        if (!node.isInt()) {
            error(at + "/" + field, "must be an integer");
            return null;
        }
        return node.intValue();
    }

    private Boolean bool(JsonNode parent, String field, String at, Boolean absent) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            error(at + "/" + field, "must be a boolean");
            return absent;
        }
        return node.booleanValue();
    }

    private void error(String pointer, String message) {
        errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer, message));
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
