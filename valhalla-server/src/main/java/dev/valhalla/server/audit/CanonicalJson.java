package dev.valhalla.server.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.http.JsonMapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One text form per JSON value, so a hash computed over a value before PostgreSQL stores it as
 * {@code jsonb} equals the hash of what {@code jsonb::text} gives back: object keys sorted, no
 * whitespace, every number written as its plain decimal without trailing zeros ({@code jsonb} keeps
 * {@code 1.0} but prints {@code 1e20} as {@code 100000000000000000000}). Thread-safe.
 */
final class CanonicalJson {

    private final ObjectMapper mapper = JsonMapping.create()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The canonical text of any value Jackson can serialize; null for null. */
    String fromValue(Object value) {
        if (value == null) {
            return null;
        }
        return write(normalize(mapper.valueToTree(value)));
    }

    /** The canonical text of a JSON document (e.g. {@code jsonb::text}); null for null. */
    String fromText(String json) {
        if (json == null) {
            return null;
        }
        try {
            return write(normalize(mapper.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit JSON is not valid JSON", e);
        }
    }

    /** Writes any value (e.g. the list of a row's fields) as compact JSON. */
    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }

    private static JsonNode normalize(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = nodes.objectNode();
            for (String name : names) {
                sorted.set(name, normalize(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = nodes.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(normalize(it.next()));
            }
            return array;
        }
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
