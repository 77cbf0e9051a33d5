package dev.valhalla.server.flags;

import java.util.Objects;

/**
 * The variant a client receives from {@link FlagEvaluator#getVariant}. When the flag is off, unknown
 * or has no variants, it is the {@code disabled} variant ({@code enabled = false}, no payload).
 *
 * @param name           variant name, {@code disabled} when none applies
 * @param payload        payload, or null
 * @param enabled        whether a real variant was selected
 * @param featureEnabled whether the flag itself evaluated to on
 */
public record Variant(String name, Payload payload, boolean enabled, boolean featureEnabled) {

    /** The name of the variant returned when no variant applies. */
    public static final String DISABLED_NAME = "disabled";

    public Variant {
        Objects.requireNonNull(name, "name");
    }

    /** The {@code disabled} variant for a flag in the given state. */
    public static Variant disabled(boolean featureEnabled) {
        return new Variant(DISABLED_NAME, null, false, featureEnabled);
    }
}
