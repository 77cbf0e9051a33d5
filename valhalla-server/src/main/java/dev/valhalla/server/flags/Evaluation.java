package dev.valhalla.server.flags;

/**
 * The full outcome of evaluating one flag for one context: what the Unleash and OFREP client APIs
 * need to answer.
 *
 * @param flag           the flag name asked for
 * @param found          whether the flag exists in the snapshot
 * @param enabled        whether the flag is on for the context
 * @param variant        the selected variant ({@code disabled} when none)
 * @param impressionData the flag's impression-data setting, passed through for SDKs
 */
public record Evaluation(String flag, boolean found, boolean enabled, Variant variant, boolean impressionData) {

    static Evaluation notFound(String flag) {
        return new Evaluation(flag, false, false, Variant.disabled(false), false);
    }
}
