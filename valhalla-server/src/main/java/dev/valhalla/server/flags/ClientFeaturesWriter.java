package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Writes snapshots in the Unleash client-features format; optional members are left out when empty. */
final class ClientFeaturesWriter {

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    ObjectNode features(FlagState state) {
        ObjectNode document = nodes.objectNode();
        document.put("version", state.version());
        ArrayNode features = document.putArray("features");
        state.flags().forEach(flag -> features.add(flag(flag)));
        ArrayNode segments = document.putArray("segments");
        state.segments().forEach(segment -> segments.add(segment(segment)));
        return document;
    }

    ObjectNode flag(Flag flag) {
        ObjectNode node = nodes.objectNode();
        node.put("name", flag.name());
        putIfPresent(node, "type", flag.type());
        putIfPresent(node, "description", flag.description());
        putIfPresent(node, "project", flag.project());
        node.put("enabled", flag.enabled());
        node.put("stale", flag.stale());
        node.put("impressionData", flag.impressionData());
        ArrayNode strategies = node.putArray("strategies");
        flag.strategies().forEach(strategy -> strategies.add(strategy(strategy)));
        ArrayNode variants = node.putArray("variants");
        flag.variants().forEach(variant -> variants.add(variant(variant)));
        if (!flag.dependencies().isEmpty()) {
            ArrayNode dependencies = node.putArray("dependencies");
            for (Dependency dependency : flag.dependencies()) {
                ObjectNode item = dependencies.addObject();
                item.put("feature", dependency.feature());
                item.put("enabled", dependency.enabled());
                if (!dependency.variants().isEmpty()) {
                    strings(item.putArray("variants"), dependency.variants());
                }
            }
        }
        return node;
    }

    ObjectNode segment(Segment segment) {
        ObjectNode node = nodes.objectNode();
        node.put("id", segment.id());
        putIfPresent(node, "name", segment.name());
        ArrayNode constraints = node.putArray("constraints");
        segment.constraints().forEach(constraint -> constraints.add(constraint(constraint)));
        return node;
    }

    private ObjectNode strategy(Strategy strategy) {
        ObjectNode node = nodes.objectNode();
        node.put("name", strategy.name());
        ArrayNode constraints = node.putArray("constraints");
        strategy.constraints().forEach(constraint -> constraints.add(constraint(constraint)));
        ObjectNode parameters = node.putObject("parameters");
        strategy.parameters().forEach(parameters::put);
        if (!strategy.segments().isEmpty()) {
            ArrayNode segments = node.putArray("segments");
            strategy.segments().forEach(segments::add);
        }
        ArrayNode variants = node.putArray("variants");
        strategy.variants().forEach(variant -> variants.add(variant(variant)));
        return node;
    }

    private ObjectNode constraint(Constraint constraint) {
        ObjectNode node = nodes.objectNode();
        node.put("contextName", constraint.contextName());
        node.put("operator", constraint.operator());
        strings(node.putArray("values"), constraint.values());
        putIfPresent(node, "value", constraint.value());
        node.put("inverted", constraint.inverted());
        node.put("caseInsensitive", constraint.caseInsensitive());
        return node;
    }

    private ObjectNode variant(VariantDefinition variant) {
        ObjectNode node = nodes.objectNode();
        node.put("name", variant.name());
        node.put("weight", variant.weight());
        putIfPresent(node, "weightType", variant.weightType());
        putIfPresent(node, "stickiness", variant.stickiness());
        if (variant.payload() != null) {
            ObjectNode payload = node.putObject("payload");
            payload.put("type", variant.payload().type());
            payload.put("value", variant.payload().value());
        }
        if (!variant.overrides().isEmpty()) {
            ArrayNode overrides = node.putArray("overrides");
            for (VariantOverride override : variant.overrides()) {
                ObjectNode item = overrides.addObject();
                item.put("contextName", override.contextName());
                strings(item.putArray("values"), override.values());
            }
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
