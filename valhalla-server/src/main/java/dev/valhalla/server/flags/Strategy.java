package dev.valhalla.server.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An activation strategy of a flag: a built-in name ({@code default}, {@code userWithId},
 * {@code gradualRolloutUserId}, {@code gradualRolloutSessionId}, {@code gradualRolloutRandom},
 * {@code flexibleRollout}, {@code remoteAddress}, {@code applicationHostname}) or a custom name, which
 * never matches on the server.
 *
 * @param name        strategy name
 * @param parameters  string parameters in document order (numbers in the document become text)
 * @param constraints all must hold
 * @param segments    ids of segments whose constraints must all hold; an unknown id turns the strategy off
 * @param variants    strategy variants; when non-empty they replace the flag's variants
 */
public record Strategy(String name, Map<String, String> parameters, List<Constraint> constraints,
                       List<Integer> segments, List<VariantDefinition> variants) {

    public Strategy {
        Objects.requireNonNull(name, "name");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        segments = segments == null ? List.of() : List.copyOf(segments);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A strategy with parameters and nothing else. */
    public static Strategy of(String name, Map<String, String> parameters) {
        return new Strategy(name, parameters, List.of(), List.of(), List.of());
    }
}
