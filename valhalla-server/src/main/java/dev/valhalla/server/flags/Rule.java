package dev.valhalla.server.flags;

import java.util.List;

/** A compiled condition (strategy, constraint or segment), tested against one evaluation's subject. */
@FunctionalInterface
interface Rule {

    Rule ALWAYS = subject -> true;
    Rule NEVER = subject -> false;

    boolean test(Subject subject);

    /** All of the rules; {@link #ALWAYS} for none. */
    static Rule allOf(List<Rule> rules) {
        if (rules.isEmpty()) {
            return ALWAYS;
        }
        if (rules.size() == 1) {
            return rules.get(0);
        }
        Rule[] all = rules.toArray(Rule[]::new);
        return subject -> {
            for (Rule rule : all) {
                if (!rule.test(subject)) {
                    return false;
                }
            }
            return true;
        };
    }
}
