package dev.valhalla.server.flags;

import java.util.List;
import java.util.Objects;

/**
 * A parent flag this flag depends on. Only one level is honoured: a parent that itself has
 * dependencies is never satisfied (the Unleash rule, which also makes cycles evaluate to off).
 *
 * @param feature  parent flag name
 * @param enabled  the parent state required (Unleash's default is {@code true})
 * @param variants when non-empty, the parent's variant name must be one of these
 */
public record Dependency(String feature, boolean enabled, List<String> variants) {

    public Dependency {
        Objects.requireNonNull(feature, "feature");
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** Requires the parent to be on. */
    public static Dependency on(String feature) {
        return new Dependency(feature, true, List.of());
    }
}
