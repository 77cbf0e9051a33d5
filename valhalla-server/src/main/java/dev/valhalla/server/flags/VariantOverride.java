package dev.valhalla.server.flags;

import java.util.List;
import java.util.Objects;

/**
 * Forces a variant when a context field has one of the listed values.
 *
 * @param contextName context field, e.g. {@code userId}
 * @param values      values that select the variant
 */
public record VariantOverride(String contextName, List<String> values) {

    public VariantOverride {
        Objects.requireNonNull(contextName, "contextName");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
