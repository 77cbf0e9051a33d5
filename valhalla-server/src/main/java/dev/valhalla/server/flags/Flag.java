package dev.valhalla.server.flags;

import java.util.List;
import java.util.Objects;

/**
 * One feature flag as the Unleash client-features document describes it ({@code features[]}).
 * Immutable; lists are copied on construction.
 *
 * @param name           unique name, any Unicode text
 * @param enabled        the flag's on/off switch; when off, no strategy is consulted
 * @param description    free text, or null
 * @param project        owning project, or null (Unleash's {@code default})
 * @param type           flag type such as {@code release} or {@code experiment}, or null
 * @param stale          marked stale by its owners
 * @param impressionData whether SDKs should emit impression events; passed through untouched
 * @param strategies     activation strategies; the flag is on when any matches (none means on)
 * @param variants       flag-level variants, used when the matching strategy has none
 * @param dependencies   parent flags that must be in the stated state
 */
public record Flag(String name, boolean enabled, String description, String project, String type,
                   boolean stale, boolean impressionData, List<Strategy> strategies,
                   List<VariantDefinition> variants, List<Dependency> dependencies) {

    public Flag {
        Objects.requireNonNull(name, "name");
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        variants = variants == null ? List.of() : List.copyOf(variants);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** A flag with only a name, a switch and strategies; every other member empty. */
    public static Flag of(String name, boolean enabled, List<Strategy> strategies) {
        return new Flag(name, enabled, null, null, null, false, false, strategies, List.of(), List.of());
    }
}
