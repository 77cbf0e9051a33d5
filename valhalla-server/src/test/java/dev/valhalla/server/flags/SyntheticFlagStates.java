package dev.valhalla.server.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic, realistic flag state for tests and benchmarks: rollouts, user lists, segments,
 * constraints with string, number, date and semver operators (some inverted or case-insensitive),
 * strategy and flag variants with overrides and custom stickiness, and dependent flags. Every context
 * carries a user id and a {@code currentTime}, so every evaluation is deterministic (no random bucket,
 * no clock). Only operators the official engine bundled with the Unleash Java SDK 11.1 knows are
 * used ({@code REGEX} and {@code IN_CIDR} are newer; the specification suite covers them), so that
 * {@link SyntheticFlagStateTest} can compare every evaluation with that engine.
 */
public final class SyntheticFlagStates {

    private static final List<String> ENVIRONMENTS = List.of("production", "staging", "development", "qa");
    private static final List<String> APPS = List.of("web", "ios", "android", "backoffice", "api");
    private static final List<String> COUNTRIES = List.of("NO", "SE", "DK", "DE", "FR", "US", "BR", "JP");
    private static final List<String> PLANS = List.of("free", "team", "business", "enterprise");
    private static final int SEGMENTS = 12;

    private SyntheticFlagStates() {
    }

    /** {@code count} flags (and 12 segments) generated from {@code seed}. */
    public static FlagState generate(int count, long seed) {
        Random random = new Random(seed);
        List<Segment> segments = new ArrayList<>();
        for (int id = 1; id <= SEGMENTS; id++) {
            segments.add(new Segment(id, "segment-" + id, List.of(
                    Constraint.list("country", "IN", pick(random, COUNTRIES, 3)),
                    Constraint.single("age", id % 2 == 0 ? "NUM_GTE" : "NUM_LT", String.valueOf(18 + random.nextInt(40))))));
        }
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            flags.add(flag(i, random));
        }
        return FlagState.of(FlagState.DEFAULT_VERSION, flags, segments);
    }

    /** {@code count} contexts generated from {@code seed}, each with a user id and a current time. */
    public static List<EvaluationContext> contexts(int count, long seed) {
        Random random = new Random(seed);
        List<EvaluationContext> contexts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> properties = new HashMap<>();
            properties.put("country", COUNTRIES.get(random.nextInt(COUNTRIES.size())));
            properties.put("plan", PLANS.get(random.nextInt(PLANS.size())));
            properties.put("age", String.valueOf(12 + random.nextInt(70)));
            properties.put("email", "user" + i + (random.nextBoolean() ? "@Example.COM" : "@mail.test"));
            properties.put("tenant", "tenant-" + random.nextInt(50));
            properties.put("version", random.nextInt(4) + "." + random.nextInt(10) + "." + random.nextInt(5)
                    + (random.nextInt(5) == 0 ? "-beta." + random.nextInt(3) : ""));
            contexts.add(new EvaluationContext("user-" + random.nextInt(100_000), "session-" + random.nextInt(100_000),
                    "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + random.nextInt(256),
                    ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size())), APPS.get(random.nextInt(APPS.size())),
                    "2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:00:00Z", properties));
        }
        return contexts;
    }

    private static Flag flag(int i, Random random) {
        String name = "synthetic." + kind(i) + "." + i;
        List<Strategy> strategies = new ArrayList<>();
        List<VariantDefinition> variants = List.of();
        List<Dependency> dependencies = List.of();
        switch (i % 8) {
            case 0 -> strategies.add(new Strategy("flexibleRollout", rollout(random.nextInt(101), "default", name),
                    List.of(Constraint.list("environment", "IN", pick(random, ENVIRONMENTS, 2))), List.of(), List.of()));
            case 1 -> strategies.add(new Strategy("default", Map.of(), List.of(
                    Constraint.list("appName", "IN", pick(random, APPS, 3)),
                    new Constraint("email", "STR_ENDS_WITH", List.of("@example.com"), null, false, true),
                    Constraint.single("age", "NUM_GT", String.valueOf(15 + random.nextInt(30)))), List.of(), List.of()));
            case 2 -> {
                strategies.add(Strategy.of("userWithId", Map.of("userIds", userIds(random))));
                strategies.add(new Strategy("flexibleRollout", rollout(random.nextInt(60), "userId", name),
                        List.of(Constraint.single("version", "SEMVER_GT", "1.4.0")), List.of(), List.of()));
            }
            case 3 -> strategies.add(new Strategy("gradualRolloutUserId",
                    Map.of("percentage", String.valueOf(random.nextInt(101)), "groupId", name), List.of(),
                    List.of(1 + random.nextInt(SEGMENTS)), List.of()));
            case 4 -> strategies.add(new Strategy("flexibleRollout", rollout(50 + random.nextInt(51), "default", name),
                    List.of(new Constraint("plan", "IN", List.of("free"), null, true, false)), List.of(),
                    weighted(random, "s", null)));
            case 5 -> variants = withOverride(weighted(random, "v", "tenant"));
            case 6 -> dependencies = List.of(new Dependency("synthetic." + kind(i - 6) + "." + (i - 6),
                    random.nextBoolean(), List.of()));
            default -> strategies.add(new Strategy("default", Map.of(), List.of(
                    Constraint.single("currentTime", "DATE_AFTER", "2025-05-01T00:00:00Z"),
                    Constraint.list("plan", "NOT_IN", List.of("free", "team")),
                    new Constraint("country", "STR_STARTS_WITH", List.of("n", "s"), null, false, true)),
                    List.of(1 + random.nextInt(SEGMENTS)), List.of()));
        }
        if (i % 8 >= 5) {
            strategies.add(new Strategy("flexibleRollout", rollout(random.nextInt(101), "default", name),
                    List.of(), List.of(), List.of()));
        }
        return new Flag(name, random.nextInt(10) != 0, "synthetic flag " + i, "default", "release", false,
                i % 3 == 0, strategies, variants, dependencies);
    }

    private static String kind(int i) {
        return List.of("rollout", "targeted", "users", "segmented", "experiment", "variants", "dependent",
                "scheduled").get(i % 8);
    }

    private static Map<String, String> rollout(int percentage, String stickiness, String groupId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("rollout", String.valueOf(percentage));
        parameters.put("stickiness", stickiness);
        parameters.put("groupId", groupId);
        return parameters;
    }

    private static String userIds(Random random) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            ids.add("user-" + random.nextInt(100_000));
        }
        return String.join(", ", ids);
    }

    private static List<VariantDefinition> weighted(Random random, String prefix, String stickiness) {
        int first = 100 + random.nextInt(600);
        int second = (1000 - first) / 2;
        return List.of(
                new VariantDefinition(prefix + "-blue", first, "variable", stickiness, new Payload("string", "blue"), List.of()),
                new VariantDefinition(prefix + "-green", second, "variable", stickiness,
                        new Payload("json", "{\"color\":\"green\"}"), List.of()),
                new VariantDefinition(prefix + "-red", 1000 - first - second, "variable", stickiness,
                        new Payload("number", "3"), List.of()));
    }

    private static List<VariantDefinition> withOverride(List<VariantDefinition> variants) {
        List<VariantDefinition> result = new ArrayList<>(variants);
        VariantDefinition last = result.remove(result.size() - 1);
        result.add(new VariantDefinition(last.name(), last.weight(), last.weightType(), last.stickiness(),
                last.payload(), List.of(new VariantOverride("tenant", List.of("tenant-1", "tenant-2")))));
        return result;
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, count));
    }
}
