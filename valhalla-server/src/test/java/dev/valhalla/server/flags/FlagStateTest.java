package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.error.BadRequestException;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FlagStateTest {

    private static final ClientFeaturesFormat FORMAT = new ClientFeaturesFormat(new ObjectMapper());
    private static final Segment PROD = new Segment(7, "prod", List.of(Constraint.list("environment", "IN", List.of("prod"))));
    private static final Flag SEGMENTED = Flag.of("segmented", true,
            List.of(new Strategy("default", Map.of(), List.of(), List.of(7), List.of())));
    private static final EvaluationContext IN_PROD = new EvaluationContext(null, null, null, "prod", null, null, Map.of());

    @Test
    void delta_events_update_a_new_snapshot_and_leave_the_old_one_unchanged() {
        FlagState before = FlagState.of(2, List.of(Flag.of("a", true, List.of()), Flag.of("b", true, List.of())), List.of());
        FlagState after = before.apply(List.of(
                new DeltaEvent.FeatureUpdated(1, Flag.of("a", false, List.of())),
                new DeltaEvent.FeatureUpdated(2, Flag.of("c", true, List.of())),
                new DeltaEvent.FeatureRemoved(3, "b", "default"),
                new DeltaEvent.SegmentUpdated(4, PROD)));

        assertThat(after.flagNames()).containsExactly("a", "c");
        assertThat(after.flag("a")).hasValueSatisfying(flag -> assertThat(flag.enabled()).isFalse());
        assertThat(after.segment(7)).contains(PROD);
        assertThat(before.flagNames()).containsExactly("a", "b");
        assertThat(before.flag("a")).hasValueSatisfying(flag -> assertThat(flag.enabled()).isTrue());
    }

    @Test
    void hydration_replaces_everything_and_removing_a_segment_turns_its_strategies_off() {
        FlagState state = FlagState.of(2, List.of(Flag.of("old", true, List.of())), List.of())
                .apply(new DeltaEvent.Hydration(1, List.of(SEGMENTED), List.of(PROD)));
        FlagEvaluator evaluator = new FlagEvaluator(state, Clock.systemUTC(), null);
        assertThat(state.flagNames()).containsExactly("segmented");
        assertThat(evaluator.isEnabled("segmented", IN_PROD)).isTrue();

        evaluator.update(current -> current.apply(new DeltaEvent.SegmentRemoved(2, 7)));

        assertThat(evaluator.isEnabled("segmented", IN_PROD)).isFalse();
        assertThat(evaluator.state().segments()).isEmpty();
    }

    @Test
    void a_replaced_snapshot_is_seen_by_the_next_evaluation() {
        FlagEvaluator evaluator = new FlagEvaluator(FlagState.empty(), Clock.systemUTC(), null);
        assertThat(evaluator.evaluate("a", EvaluationContext.empty()).found()).isFalse();

        evaluator.replace(FlagState.of(2, List.of(Flag.of("a", true, List.of())), List.of()));

        assertThat(evaluator.evaluate("a", EvaluationContext.empty()))
                .isEqualTo(new Evaluation("a", true, true, Variant.disabled(true), false));
    }

    @Test
    void reads_a_delta_document_with_every_event_type() {
        List<DeltaEvent> events = FORMAT.readDelta("""
                {"events": [
                  {"eventId": 1, "type": "hydration", "features": [], "segments": []},
                  {"eventId": 2, "type": "feature-updated", "feature": {"name": "x", "enabled": true}},
                  {"eventId": 3, "type": "feature-removed", "featureName": "x", "project": "default"},
                  {"eventId": 4, "type": "segment-updated", "segment": {"id": 3, "constraints": []}},
                  {"eventId": 5, "type": "segment-removed", "segmentId": 3}
                ]}""");
        assertThat(events).extracting(DeltaEvent::eventId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(4)).isEqualTo(new DeltaEvent.SegmentRemoved(5, 3));
    }

    @Test
    void a_structurally_broken_document_lists_every_error_by_json_pointer() {
        ValidationException failure = catchThrowableOfType(ValidationException.class, () -> FORMAT.read("""
                {"version": 2, "features": [
                  {"name": "ok", "enabled": true},
                  {"enabled": "yes", "strategies": [{"name": "default", "constraints": [{"operator": "IN"}]}]},
                  {"name": "v", "enabled": true, "variants": [{"name": "a", "weight": "50"}]}
                ], "segments": [{"name": "no id"}]}"""));

        assertThat(failure.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "/features/1/name", "/features/1/enabled", "/features/1/strategies/0/constraints/0/contextName",
                "/features/2/variants/0/weight", "/segments/0/id");
    }

    @Test
    void text_that_is_not_json_is_a_bad_request() {
        assertThat(catchThrowableOfType(BadRequestException.class, () -> FORMAT.read("{\"features\": ["))).isNotNull();
    }

    @Test
    void unknown_strategies_and_operators_are_kept_and_evaluate_to_off() {
        FlagState state = FORMAT.read("""
                {"version": 2, "features": [
                  {"name": "custom", "enabled": true, "impressionData": true, "strategies": [{"name": "myCustom"}]},
                  {"name": "futureOperator", "enabled": true, "strategies": [{"name": "default",
                     "constraints": [{"contextName": "userId", "operator": "NOT_YET_INVENTED", "values": [], "inverted": true}]}]}
                ]}""");
        FlagEvaluator evaluator = new FlagEvaluator(state, Clock.systemUTC(), null);

        assertThat(evaluator.evaluate("custom", EvaluationContext.ofUser("1")))
                .isEqualTo(new Evaluation("custom", true, false, Variant.disabled(false), true));
        assertThat(evaluator.isEnabled("futureOperator", EvaluationContext.ofUser("1"))).isFalse();
        assertThat(FORMAT.read(FORMAT.writeString(state))).isEqualTo(state);
    }

    @Test
    void application_hostname_reads_the_context_before_the_servers_own_name() {
        FlagState state = FlagState.of(2, List.of(Flag.of("hosts", true,
                List.of(Strategy.of("applicationHostname", Map.of("hostNames", "web-1, Web-2"))))), List.of());
        FlagEvaluator withLocalName = new FlagEvaluator(state, Clock.systemUTC(), "web-2");
        FlagEvaluator withoutLocalName = new FlagEvaluator(state, Clock.systemUTC(), null);
        EvaluationContext fromWeb1 = new EvaluationContext(null, null, null, null, null, null, Map.of("hostname", "WEB-1"));
        EvaluationContext fromDb = new EvaluationContext(null, null, null, null, null, null, Map.of("hostname", "db-1"));

        assertThat(withoutLocalName.isEnabled("hosts", fromWeb1)).isTrue();
        assertThat(withoutLocalName.isEnabled("hosts", EvaluationContext.empty())).isFalse();
        assertThat(withLocalName.isEnabled("hosts", EvaluationContext.empty())).isTrue();
        assertThat(withLocalName.isEnabled("hosts", fromDb)).isFalse();
    }

    @Test
    void address_lists_never_resolve_host_names() {
        FlagState state = FlagState.of(2, List.of(Flag.of("ips", true,
                List.of(Strategy.of("remoteAddress", Map.of("IPs", "localhost, example.com, 10.0.0.0/8, 2001:db8::/32"))))),
                List.of());
        FlagEvaluator evaluator = new FlagEvaluator(state, Clock.systemUTC(), null);

        assertThat(evaluator.isEnabled("ips", remote("127.0.0.1"))).isFalse();
        assertThat(evaluator.isEnabled("ips", remote("localhost"))).isFalse();
        assertThat(evaluator.isEnabled("ips", remote("10.200.3.4"))).isTrue();
        assertThat(evaluator.isEnabled("ips", remote("2001:db8:ffff::1"))).isTrue();
        assertThat(evaluator.isEnabled("ips", remote("010.200.3.4"))).isFalse();
    }

    private static EvaluationContext remote(String address) {
        return new EvaluationContext(null, null, address, null, null, null, Map.of());
    }
}
