package dev.valhalla.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.flags.ClientFeaturesFormat;
import dev.valhalla.server.flags.EvaluationContext;
import dev.valhalla.server.flags.FlagEvaluator;
import dev.valhalla.server.flags.FlagState;
import dev.valhalla.server.flags.SyntheticFlagStates;
import io.getunleash.DefaultUnleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code isEnabled} per operation, cycling through a fixed list of (flag, context) pairs: Valhalla's
 * {@link FlagEvaluator} against the official Unleash Java SDK 11.1.0 ({@link DefaultUnleash}, engine
 * yggdrasil 0.3.2) evaluating the same client-features document locally, bootstrapped from memory
 * with polling and metrics off, so no HTTP is involved. The states are specification files of
 * {@code @unleash/client-specification@6.1.0} (their own test cases are the pairs; see
 * {@link FlagSpecificationFiles} for where they are read from) and {@code synthetic-200}, 200 generated
 * flags (12 segments) against 100 generated contexts (20,000 pairs). Operators the SDK's engine does
 * not evaluate are left out: {@code REGEX} and {@code IN_CIDR} (files 21 and 22, never used by the
 * synthetic state) and {@code SEMVER_GTE}/{@code SEMVER_LTE} (file 14, where the SDK answers false on
 * the four cases that need them). Setup fails unless both answer the same for every pair, so both
 * sides do the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlagEvaluationBenchmark {

    static final String SYNTHETIC = "synthetic-200";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientFeaturesFormat FORMAT = new ClientFeaturesFormat(JSON);

    @Param({"05-gradual-rollout-random-strategy", "07-multiple-strategies", "09-strategy-constraints",
            "10-flexible-rollout-strategy", "12-custom-stickiness", "13-constraint-operators",
            "15-global-constraints", "16-strategy-variants", "17-dependent-features", SYNTHETIC})
    public String state;

    private FlagEvaluator evaluator;
    private DefaultUnleash unleash;
    private Path sdkFolder;
    private String[] flags;
    private EvaluationContext[] contexts;
    private UnleashContext[] sdkContexts;
    private int next;

    /** One (flag, context) pair of the benchmark. */
    record FlagCase(String flag, EvaluationContext context) {
    }

    /** A flag state as Valhalla reads it, the same state as the JSON the SDK is given, and the pairs. */
    record Input(FlagState state, String json, List<FlagCase> cases) {
    }

    @Setup(Level.Trial)
    public void load() throws IOException, InterruptedException {
        Input input = state.equals(SYNTHETIC) ? synthetic() : specification(state + ".json");
        evaluator = new FlagEvaluator(input.state(), Clock.systemUTC(), null);
        sdkFolder = Files.createTempDirectory("valhalla-flag-bench-sdk");
        unleash = new DefaultUnleash(sdkConfig(input.json(), sdkFolder));
        long sdkFlags = unleash.more().getFeatureToggleNames().size();
        if (sdkFlags != input.state().size()) {
            throw new IllegalStateException("the SDK loaded " + sdkFlags + " flags, Valhalla " + input.state().size());
        }
        int size = input.cases().size();
        flags = new String[size];
        contexts = new EvaluationContext[size];
        sdkContexts = new UnleashContext[size];
        for (int i = 0; i < size; i++) {
            flags[i] = input.cases().get(i).flag();
            contexts[i] = input.cases().get(i).context();
            sdkContexts[i] = sdkContext(contexts[i]);
        }
        requireAgreement();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        unleash.shutdown();
        Files.deleteIfExists(sdkFolder);
    }

    @Benchmark
    public boolean valhalla() {
        int i = advance();
        return evaluator.isEnabled(flags[i], contexts[i]);
    }

    @Benchmark
    public boolean unleashSdk() {
        int i = advance();
        return unleash.isEnabled(flags[i], sdkContexts[i]);
    }

    private int advance() {
        int i = next;
        next = i + 1 == flags.length ? 0 : i + 1;
        return i;
    }

    private void requireAgreement() {
        List<String> disagreements = new ArrayList<>();
        int on = 0;
        for (int i = 0; i < flags.length; i++) {
            boolean ours = evaluator.isEnabled(flags[i], contexts[i]);
            boolean theirs = unleash.isEnabled(flags[i], sdkContexts[i]);
            on += ours ? 1 : 0;
            if (ours != theirs) {
                disagreements.add(flags[i] + " for " + contexts[i] + ": Valhalla " + ours + ", SDK " + theirs);
            }
        }
        if (!disagreements.isEmpty()) {
            throw new IllegalStateException(disagreements.size() + " of " + flags.length + " pairs of " + state
                    + " disagree, e.g. " + disagreements.subList(0, Math.min(5, disagreements.size())));
        }
        System.out.printf("%s: %d pairs, Valhalla and the SDK agree on all (%d on, %d off)%n", state, flags.length,
                on, flags.length - on);
    }

    private static Input synthetic() {
        FlagState generated = SyntheticFlagStates.generate(200, 42);
        List<FlagCase> cases = new ArrayList<>();
        for (EvaluationContext context : SyntheticFlagStates.contexts(100, 7)) {
            for (String flag : generated.flagNames()) {
                cases.add(new FlagCase(flag, context));
            }
        }
        return new Input(generated, FORMAT.writeString(generated), cases);
    }

    /** The file's state, and its own test cases ({@code tests} and {@code variantTests}) as the pairs. */
    private static Input specification(String fileName) throws IOException, InterruptedException {
        JsonNode file = FlagSpecificationFiles.read(JSON, fileName);
        JsonNode stateNode = file.get("state");
        List<FlagCase> cases = new ArrayList<>();
        for (String group : List.of("tests", "variantTests")) {
            for (JsonNode testCase : file.path(group)) {
                cases.add(new FlagCase(testCase.get("toggleName").asText(), context(testCase.path("context"))));
            }
        }
        return new Input(FORMAT.read(stateNode), JSON.writeValueAsString(stateNode), cases);
    }

    private static EvaluationContext context(JsonNode node) {
        Map<String, String> properties = new HashMap<>();
        node.path("properties").properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                properties.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return new EvaluationContext(text(node, "userId"), text(node, "sessionId"), text(node, "remoteAddress"),
                text(node, "environment"), text(node, "appName"), text(node, "currentTime"), properties);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    /** The same context in the SDK's type (absent fields stay absent). */
    private static UnleashContext sdkContext(EvaluationContext context) {
        UnleashContext.Builder builder = UnleashContext.builder();
        Optional.ofNullable(context.userId()).ifPresent(builder::userId);
        Optional.ofNullable(context.sessionId()).ifPresent(builder::sessionId);
        Optional.ofNullable(context.remoteAddress()).ifPresent(builder::remoteAddress);
        Optional.ofNullable(context.environment()).ifPresent(builder::environment);
        Optional.ofNullable(context.appName()).ifPresent(builder::appName);
        Optional.ofNullable(context.currentTime()).map(ZonedDateTime::parse).ifPresent(builder::currentTime);
        context.properties().forEach(builder::addProperty);
        return builder.build();
    }

    /**
     * Local evaluation only: the state comes from a bootstrap provider, the backup file points at an
     * empty folder (an existing backup would win over the bootstrap), and polling and metrics are off,
     * so the API address is never contacted.
     */
    private static UnleashConfig sdkConfig(String json, Path folder) {
        return UnleashConfig.builder()
                .appName("valhalla-flag-benchmark")
                .instanceId("flag-benchmark")
                .unleashAPI("http://127.0.0.1:9/api/")
                .backupFile(folder.resolve("absent-backup.json").toString())
                .toggleBootstrapProvider(() -> Optional.of(json))
                .disablePolling()
                .fetchTogglesInterval(0)
                .disableMetrics()
                .build();
    }
}
