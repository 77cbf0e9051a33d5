package dev.valhalla.server.flags;

import java.util.List;

/** A flag with its strategies compiled; immutable, shared by every evaluation of a snapshot. */
record CompiledFlag(Flag flag, List<CompiledStrategy> strategies) {

    /** Stands for "on because the flag has no strategies": no strategy variants, use the flag's. */
    static final CompiledStrategy NO_STRATEGIES = new CompiledStrategy(Rule.ALWAYS, Rule.ALWAYS, new int[0],
            List.of(), "default", "");

    static CompiledFlag compile(Flag flag) {
        return new CompiledFlag(flag, flag.strategies().stream()
                .map(strategy -> CompiledStrategy.compile(strategy, flag.name())).toList());
    }

    /**
     * The first strategy that matches, {@link #NO_STRATEGIES} when the flag has none, or null when
     * none matches. Ignores the flag's switch and dependencies.
     */
    CompiledStrategy firstMatch(Subject subject, FlagState state) {
        if (strategies.isEmpty()) {
            return NO_STRATEGIES;
        }
        for (CompiledStrategy strategy : strategies) {
            if (strategy.matches(subject, state)) {
                return strategy;
            }
        }
        return null;
    }
}
