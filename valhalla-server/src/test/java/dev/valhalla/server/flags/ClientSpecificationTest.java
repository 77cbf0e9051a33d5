package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every test case of the Unleash client specification against {@link FlagEvaluator}: one dynamic
 * test per file and case ({@code tests} check {@code isEnabled}, {@code variantTests} check
 * {@code getVariant}). Delta-API files are applied as event sequences to an empty snapshot. Reported
 * as skipped, with the reason, when the package cannot be fetched.
 */
class ClientSpecificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientFeaturesFormat FORMAT = new ClientFeaturesFormat(JSON);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicNode> every_specification_case_evaluates_as_the_specification_expects() {
        Path specifications = specifications();
        return index(specifications).stream().map(name -> specificationFile(specifications, name));
    }

    @TestFactory
    Stream<DynamicNode> every_specification_state_survives_writing_and_reading_unchanged() {
        Path specifications = specifications();
        return index(specifications).stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            FlagState state = state(read(specifications.resolve(name)).get("state"));
            FlagState again = FORMAT.read(FORMAT.writeString(state));
            assertThat(again).isEqualTo(state);
            assertThat(again.flags()).isEqualTo(state.flags());
        }));
    }

    @Test
    void the_index_lists_every_specification_file_and_each_file_has_cases() {
        Path specifications = specifications();
        List<String> index = index(specifications);
        try (Stream<Path> files = Files.list(specifications)) {
            List<String> onDisk = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("index.json")).sorted().toList();
            assertThat(index).containsExactlyInAnyOrderElementsOf(onDisk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(index).hasSize(22).contains("19-delta-api-hydration.json", "20-delta-api-events.json");
        for (String name : index) {
            JsonNode file = read(specifications.resolve(name));
            assertThat(file.path("tests").size() + file.path("variantTests").size()).as(name).isPositive();
        }
    }

    private static Path specifications() {
        ClientSpecification.Fetch fetch = ClientSpecification.fetch();
        Assumptions.assumeTrue(fetch.available(), fetch::unavailableReason);
        return fetch.specifications();
    }

    private static DynamicContainer specificationFile(Path specifications, String name) {
        JsonNode file = read(specifications.resolve(name));
        FlagEvaluator evaluator = new FlagEvaluator(state(file.get("state")), CLOCK, null);
        List<DynamicTest> cases = new ArrayList<>();
        int number = 0;
        for (JsonNode testCase : file.path("tests")) {
            String flag = testCase.get("toggleName").asText();
            EvaluationContext context = context(testCase.path("context"));
            boolean expected = testCase.get("expectedResult").booleanValue();
            cases.add(DynamicTest.dynamicTest(++number + ". " + testCase.get("description").asText(), () ->
                    assertThat(evaluator.isEnabled(flag, context))
                            .as("isEnabled(%s, %s)", flag, context).isEqualTo(expected)));
        }
        for (JsonNode testCase : file.path("variantTests")) {
            String flag = testCase.get("toggleName").asText();
            EvaluationContext context = context(testCase.path("context"));
            Variant expected = variant(testCase.get("expectedResult"));
            cases.add(DynamicTest.dynamicTest(++number + ". variant: " + testCase.get("description").asText(), () ->
                    assertThat(evaluator.getVariant(flag, context))
                            .as("getVariant(%s, %s)", flag, context).isEqualTo(expected)));
        }
        return DynamicContainer.dynamicContainer(name, cases);
    }

    /** A client-features document, or a delta document applied event by event to an empty snapshot. */
    static FlagState state(JsonNode state) {
        if (state.has("events")) {
            return FlagState.empty().apply(FORMAT.readDelta(state));
        }
        return FORMAT.read(state);
    }

    static EvaluationContext context(JsonNode node) {
        Map<String, String> properties = new HashMap<>();
        node.path("properties").properties().forEach(entry ->
                properties.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText()));
        return new EvaluationContext(text(node, "userId"), text(node, "sessionId"), text(node, "remoteAddress"),
                text(node, "environment"), text(node, "appName"), text(node, "currentTime"), properties);
    }

    private static Variant variant(JsonNode node) {
        JsonNode payload = node.path("payload");
        return new Variant(node.get("name").asText(),
                payload.isObject() ? new Payload(payload.get("type").asText(), payload.get("value").asText()) : null,
                node.get("enabled").booleanValue(), node.get("feature_enabled").booleanValue());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static List<String> index(Path specifications) {
        List<String> names = new ArrayList<>();
        read(specifications.resolve("index.json")).forEach(name -> names.add(name.asText()));
        return names;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
