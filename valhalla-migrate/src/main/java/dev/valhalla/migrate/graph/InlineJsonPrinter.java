package dev.valhalla.migrate.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;

/**
 * One-line JSON with a space after every {@code :} and {@code ,} (the layout of Python's {@code json.dumps}),
 * so the report reads the same as the documented shape: {@code {"revisions": 3, "heads": ["c"]}}.
 */
final class InlineJsonPrinter implements PrettyPrinter {

    @Override
    public void writeRootValueSeparator(JsonGenerator generator) throws IOException {
        generator.writeRaw(' ');
    }

    @Override
    public void writeStartObject(JsonGenerator generator) throws IOException {
        generator.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
        generator.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator generator) throws IOException {
        generator.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
        generator.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator generator) throws IOException {
        generator.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator generator, int values) throws IOException {
        generator.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
        generator.writeRaw(", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator generator) {
        // nothing between '[' and the first value
    }

    @Override
    public void beforeObjectEntries(JsonGenerator generator) {
        // nothing between '{' and the first key
    }
}
