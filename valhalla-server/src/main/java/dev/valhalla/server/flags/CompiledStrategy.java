package dev.valhalla.server.flags;

import java.util.List;

/**
 * A strategy ready to evaluate: its rule, its constraints, the segment ids it needs (resolved against
 * the snapshot at evaluation, so a segment update needs no recompilation) and its variants.
 */
record CompiledStrategy(Rule rule, Rule constraints, int[] segmentIds, List<VariantDefinition> variants,
                        String variantStickiness, String groupId) {

    static CompiledStrategy compile(Strategy strategy, String flagName) {
        return new CompiledStrategy(StrategyRules.compile(strategy, flagName),
                ConstraintRules.compileAll(strategy.constraints()),
                strategy.segments().stream().mapToInt(Integer::intValue).toArray(),
                strategy.variants(),
                strategy.parameters().getOrDefault("stickiness", "default"),
                StrategyRules.groupId(strategy, flagName));
    }

    boolean matches(Subject subject, FlagState state) {
        if (!rule.test(subject) || !constraints.test(subject)) {
            return false;
        }
        for (int segmentId : segmentIds) {
            Rule segment = state.segmentRule(segmentId);
            if (segment == null || !segment.test(subject)) {
                return false; // an unknown segment turns the strategy off
            }
        }
        return true;
    }
}
