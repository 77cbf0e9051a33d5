package dev.valhalla.server.flags;

import java.util.List;

/**
 * Picks a variant from a weighted list as the Unleash engines do: an override on a context value
 * wins; otherwise {@code murmur3(groupId:stickinessValue, 86028157) mod totalWeight + 1} walks the
 * cumulative weights. Without a stickiness value the bucket is random.
 */
final class VariantSelection {

    private VariantSelection() {
    }

    /** The selected variant, or null when the list is empty or weighs nothing. */
    static VariantDefinition select(List<VariantDefinition> variants, String stickiness, String groupId,
                                    Subject subject) {
        if (variants.isEmpty()) {
            return null;
        }
        VariantDefinition overridden = override(variants, subject);
        if (overridden != null) {
            return overridden;
        }
        long total = 0;
        for (VariantDefinition variant : variants) {
            total += Math.max(0, variant.weight());
        }
        if (total <= 0 || total > Integer.MAX_VALUE) {
            return null;
        }
        String seed = subject.stickinessValue(stickiness);
        int target = seed == null
                ? Subject.randomBucket((int) total)
                : Murmur3.normalizedValue(seed, groupId, (int) total, Murmur3.VARIANT_SEED);
        long cumulative = 0;
        for (VariantDefinition variant : variants) {
            cumulative += Math.max(0, variant.weight());
            if (cumulative >= target) {
                return variant;
            }
        }
        return null;
    }

    private static VariantDefinition override(List<VariantDefinition> variants, Subject subject) {
        for (VariantDefinition variant : variants) {
            for (VariantOverride override : variant.overrides()) {
                String value = subject.value(override.contextName());
                if (value != null && override.values().contains(value)) {
                    return variant;
                }
            }
        }
        return null;
    }
}
