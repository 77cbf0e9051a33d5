package dev.valhalla.server.flags;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Evaluates flags with the semantics of the Unleash client specification: the flag's switch, then its
 * dependencies (one level: a parent must exist, have no dependencies of its own and be in the
 * required state and variant), then its strategies (any one matching, with its constraints and
 * segments; none means on). The variant comes from the first matching strategy's variants, else the
 * flag's.
 *
 * <p>Thread-safety: the evaluator holds the current {@link FlagState} in an atomic reference. Every
 * call reads that reference once and evaluates against that immutable snapshot, so it never sees
 * half an update; {@link #replace} and {@link #update} swap in a new snapshot atomically and calls
 * already running finish on the old one. No lock, no database access per evaluation.
 */
public final class FlagEvaluator {

    private final AtomicReference<FlagState> state;
    private final Clock clock;
    private final String localHostname;

    /**
     * @param initial       the first snapshot
     * @param clock         "now" for date constraints when the context has no {@code currentTime}
     * @param localHostname host name for {@code applicationHostname} when the context has no
     *                      {@code hostname} property, or null (the strategy then never matches)
     */
    public FlagEvaluator(FlagState initial, Clock clock, String localHostname) {
        this.state = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.localHostname = localHostname;
    }

    /** The current snapshot. */
    public FlagState state() {
        return state.get();
    }

    /** Makes {@code next} the snapshot of every later evaluation. */
    public void replace(FlagState next) {
        state.set(Objects.requireNonNull(next, "next"));
    }

    /**
     * Atomically replaces the snapshot with {@code change(current)}, e.g. to apply delta events; the
     * function may run more than once under contention, so it must be free of side effects.
     *
     * @return the new snapshot
     */
    public FlagState update(UnaryOperator<FlagState> change) {
        return state.updateAndGet(change);
    }

    /** Whether the flag is on for the context; false for an unknown flag. */
    public boolean isEnabled(String flag, EvaluationContext context) {
        FlagState snapshot = state.get();
        CompiledFlag compiled = snapshot.compiled(flag);
        return compiled != null && match(snapshot, compiled, subject(context)) != null;
    }

    /** The variant for the context; the {@code disabled} variant when the flag is off, unknown or has none. */
    public Variant getVariant(String flag, EvaluationContext context) {
        return evaluate(flag, context).variant();
    }

    /** The full outcome for one flag. */
    public Evaluation evaluate(String flag, EvaluationContext context) {
        FlagState snapshot = state.get();
        CompiledFlag compiled = snapshot.compiled(flag);
        if (compiled == null) {
            return Evaluation.notFound(flag);
        }
        return evaluate(snapshot, compiled, subject(context));
    }

    /** The outcome of every flag of one snapshot, in the snapshot's order. */
    public Map<String, Evaluation> evaluateAll(EvaluationContext context) {
        FlagState snapshot = state.get();
        Subject subject = subject(context);
        Map<String, Evaluation> results = new LinkedHashMap<>();
        for (CompiledFlag compiled : snapshot.compiledFlags()) {
            results.put(compiled.flag().name(), evaluate(snapshot, compiled, subject));
        }
        return results;
    }

    private Subject subject(EvaluationContext context) {
        return new Subject(context, clock, localHostname);
    }

    private static Evaluation evaluate(FlagState snapshot, CompiledFlag compiled, Subject subject) {
        CompiledStrategy matched = match(snapshot, compiled, subject);
        Variant variant = matched == null ? Variant.disabled(false) : variant(compiled, matched, subject);
        return new Evaluation(compiled.flag().name(), true, matched != null, variant, compiled.flag().impressionData());
    }

    /** The strategy that turns the flag on (or {@link CompiledFlag#NO_STRATEGIES}), null when off. */
    private static CompiledStrategy match(FlagState snapshot, CompiledFlag compiled, Subject subject) {
        if (!compiled.flag().enabled() || !dependenciesSatisfied(snapshot, compiled, subject)) {
            return null;
        }
        return compiled.firstMatch(subject, snapshot);
    }

    private static boolean dependenciesSatisfied(FlagState snapshot, CompiledFlag child, Subject subject) {
        for (Dependency dependency : child.flag().dependencies()) {
            CompiledFlag parent = snapshot.compiled(dependency.feature());
            if (parent == null || !parent.flag().dependencies().isEmpty()) {
                return false; // missing parent, or a chain (which also covers cycles)
            }
            CompiledStrategy parentMatch = parent.flag().enabled() ? parent.firstMatch(subject, snapshot) : null;
            boolean parentEnabled = parentMatch != null;
            if (parentEnabled != dependency.enabled()) {
                return false;
            }
            if (!dependency.variants().isEmpty()) {
                String parentVariant = parentEnabled
                        ? variant(parent, parentMatch, subject).name()
                        : Variant.DISABLED_NAME;
                if (!dependency.variants().contains(parentVariant)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Variant variant(CompiledFlag compiled, CompiledStrategy matched, Subject subject) {
        VariantDefinition selected;
        if (!matched.variants().isEmpty()) {
            selected = VariantSelection.select(matched.variants(), matched.variantStickiness(), matched.groupId(),
                    subject);
        } else {
            var variants = compiled.flag().variants();
            String stickiness = variants.isEmpty() ? null : variants.get(0).stickiness();
            selected = VariantSelection.select(variants, stickiness, compiled.flag().name(), subject);
        }
        return selected == null
                ? Variant.disabled(true)
                : new Variant(selected.name(), selected.payload(), true, true);
    }
}
