package dev.valhalla.server.flags;

import java.util.List;
import java.util.Objects;

/**
 * A variant a flag or strategy can hand out.
 *
 * @param name       variant name
 * @param weight     share of the total weight of its list (Unleash uses a total of 1000)
 * @param weightType {@code variable} or {@code fix} as the authoring tool wrote it, or null; not used in evaluation
 * @param stickiness context field the assignment sticks to ({@code default} = userId, then sessionId,
 *                   then random), or null; the first variant of a list decides for the list
 * @param payload    payload handed to the client, or null
 * @param overrides  context values that force this variant
 */
public record VariantDefinition(String name, int weight, String weightType, String stickiness, Payload payload,
                                List<VariantOverride> overrides) {

    public VariantDefinition {
        Objects.requireNonNull(name, "name");
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** A variant with a name, weight and payload only. */
    public static VariantDefinition of(String name, int weight, Payload payload) {
        return new VariantDefinition(name, weight, null, null, payload, List.of());
    }
}
