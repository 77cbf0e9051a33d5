package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.getunleash.engine.UnleashEngine;
import io.getunleash.engine.VariantDef;
import io.getunleash.engine.YggdrasilInvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticFlagStateTest {

    private static final ClientFeaturesFormat FORMAT = new ClientFeaturesFormat(new ObjectMapper());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    private final FlagState state = SyntheticFlagStates.generate(200, 42);
    private final List<EvaluationContext> contexts = SyntheticFlagStates.contexts(250, 7);

    @Test
    void the_generated_state_has_200_flags_with_constraints_segments_variants_and_dependencies() {
        assertThat(state.size()).isEqualTo(200);
        assertThat(state.segments()).hasSize(12);
        List<Flag> flags = state.flags();
        assertThat(flags).filteredOn(flag -> flag.strategies().stream().anyMatch(s -> !s.constraints().isEmpty()))
                .hasSizeGreaterThan(100);
        assertThat(flags).filteredOn(flag -> !flag.dependencies().isEmpty()).hasSize(25);
        assertThat(flags).filteredOn(flag -> !flag.variants().isEmpty()).hasSize(25);
        assertThat(SyntheticFlagStates.generate(200, 42)).isEqualTo(state);
    }

    @Test
    void the_generated_state_survives_writing_and_reading_unchanged() {
        assertThat(FORMAT.read(FORMAT.writeString(state))).isEqualTo(state);
    }

    @Test
    void most_flags_are_on_for_some_contexts_and_off_for_others() {
        FlagEvaluator evaluator = new FlagEvaluator(state, CLOCK, null);
        int mixed = 0;
        for (String flag : state.flagNames()) {
            long on = contexts.stream().filter(context -> evaluator.isEnabled(flag, context)).count();
            if (on > 0 && on < contexts.size()) {
                mixed++;
            }
        }
        assertThat(mixed).isGreaterThan(120);
    }

    @Test
    void every_evaluation_agrees_with_the_official_unleash_engine() throws YggdrasilInvalidInputException {
        UnleashEngine engine = new UnleashEngine();
        engine.takeState(FORMAT.writeString(state));
        FlagEvaluator evaluator = new FlagEvaluator(state, CLOCK, null);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (EvaluationContext context : contexts.subList(0, 100)) {
            io.getunleash.engine.Context theirs = engineContext(context);
            for (String flag : state.flagNames()) {
                boolean enabled = evaluator.isEnabled(flag, context);
                boolean expectedEnabled = engine.isEnabled(flag, theirs).value;
                Variant variant = evaluator.getVariant(flag, context);
                VariantDef expected = engine.getVariant(flag, theirs).value;
                compared++;
                if (enabled != expectedEnabled || !same(variant, expected)) {
                    disagreements.add(flag + " for " + context + ": ours " + enabled + "/" + variant
                            + ", engine " + expectedEnabled + "/" + describe(expected));
                }
            }
        }
        assertThat(compared).isEqualTo(200 * 100);
        assertThat(disagreements).isEmpty();
    }

    private static boolean same(Variant ours, VariantDef theirs) {
        String payloadType = theirs.getPayload() == null ? null : theirs.getPayload().getType();
        String payloadValue = theirs.getPayload() == null ? null : theirs.getPayload().getValue();
        return ours.name().equals(theirs.getName()) && ours.enabled() == theirs.isEnabled()
                && ours.featureEnabled() == theirs.isFeatureEnabled()
                && (ours.payload() == null ? payloadType == null
                : ours.payload().type().equals(payloadType) && ours.payload().value().equals(payloadValue));
    }

    private static String describe(VariantDef variant) {
        return variant.getName() + "(" + variant.isEnabled() + "," + variant.isFeatureEnabled() + ")";
    }

    private static io.getunleash.engine.Context engineContext(EvaluationContext context) {
        io.getunleash.engine.Context theirs = new io.getunleash.engine.Context();
        theirs.setUserId(context.userId());
        theirs.setSessionId(context.sessionId());
        theirs.setRemoteAddress(context.remoteAddress());
        theirs.setEnvironment(context.environment());
        theirs.setAppName(context.appName());
        theirs.setCurrentTime(context.currentTime());
        theirs.setProperties(new HashMap<>(context.properties()));
        return theirs;
    }
}
