package dev.valhalla.server.flags;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.error.BadRequestException;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;

import java.util.List;
import java.util.Objects;

/**
 * The Unleash client-features document ({@code {"version": …, "features": […], "segments": […]}},
 * the body of {@code GET /api/client/features}) and the delta document ({@code {"events": […]}}),
 * read into and written from {@link FlagState}.
 *
 * <p>Reading is lenient about semantics, as the SDKs are (an unknown operator or strategy is kept and
 * evaluates to off) and strict about structure: a member of the wrong JSON type or a missing required
 * member ({@code name}, {@code enabled}, {@code contextName}, {@code operator}, segment {@code id}, …)
 * fails the whole document with a {@link ValidationException} listing every such error by JSON
 * pointer. Unknown members are ignored. Stateless and thread-safe.
 */
public final class ClientFeaturesFormat {

    private final ObjectMapper mapper;

    /** @param mapper parses and prints JSON text */
    public ClientFeaturesFormat(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Reads a client-features document.
     *
     * @throws BadRequestException when the text is not JSON
     * @throws ValidationException listing every structural error
     */
    public FlagState read(String json) {
        return read(parse(json));
    }

    /** Reads a client-features document from a tree; see {@link #read(String)}. */
    public FlagState read(JsonNode document) {
        ClientFeaturesReader reader = new ClientFeaturesReader();
        FlagState state = reader.features(document);
        failOnErrors(reader.errors());
        return state;
    }

    /** Reads a delta document ({@code {"events": […]}}); errors as for {@link #read(String)}. */
    public List<DeltaEvent> readDelta(String json) {
        return readDelta(parse(json));
    }

    /** Reads a delta document from a tree. */
    public List<DeltaEvent> readDelta(JsonNode document) {
        ClientFeaturesReader reader = new ClientFeaturesReader();
        List<DeltaEvent> events = reader.delta(document);
        failOnErrors(reader.errors());
        return events;
    }

    /** The snapshot as a client-features document tree. */
    public ObjectNode write(FlagState state) {
        return new ClientFeaturesWriter().features(state);
    }

    /** The snapshot as client-features JSON text. */
    public String writeString(FlagState state) {
        try {
            return mapper.writeValueAsString(write(state));
        } catch (JacksonException impossible) {
            throw new IllegalStateException("a JSON tree could not be printed", impossible);
        }
    }

    /** One flag as it appears in {@code features[]} (and in delta {@code feature-updated} events). */
    public ObjectNode writeFlag(Flag flag) {
        return new ClientFeaturesWriter().flag(flag);
    }

    private JsonNode parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestException("The flag document is empty");
            }
            return node;
        } catch (JacksonException malformed) {
            throw new BadRequestException("The flag document is not valid JSON: " + malformed.getOriginalMessage());
        }
    }

    private static void failOnErrors(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
