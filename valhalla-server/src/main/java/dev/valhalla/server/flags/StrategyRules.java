package dev.valhalla.server.flags;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in activation strategies of the Unleash client specification. A strategy this server does
 * not know (a custom strategy, which only an SDK could implement) never matches; so does a built-in
 * one whose required parameters are missing or unparsable.
 */
final class StrategyRules {

    /** Names of the built-in strategies. */
    static final Set<String> BUILT_IN = Set.of("default", "userWithId", "gradualRolloutUserId",
            "gradualRolloutSessionId", "gradualRolloutRandom", "flexibleRollout", "remoteAddress",
            "applicationHostname");

    private StrategyRules() {
    }

    /** The strategy's own rule (constraints and segments are added by the caller). */
    static Rule compile(Strategy strategy, String flagName) {
        Map<String, String> parameters = strategy.parameters();
        return switch (strategy.name()) {
            case "default" -> Rule.ALWAYS;
            case "userWithId" -> userWithId(parameters.get("userIds"));
            case "gradualRolloutUserId" -> rollout(parameters.get("percentage"), parameters.get("groupId"), "userId");
            case "gradualRolloutSessionId" ->
                    rollout(parameters.get("percentage"), parameters.get("groupId"), "sessionId");
            case "gradualRolloutRandom" -> random(parameters.get("percentage"));
            case "flexibleRollout" -> flexibleRollout(parameters, flagName);
            case "remoteAddress" -> remoteAddress(parameters.get("IPs"));
            case "applicationHostname" -> hostname(parameters.get("hostNames"));
            default -> Rule.NEVER;
        };
    }

    /** The group id a strategy's variants hash with: its {@code groupId} parameter, else the flag name. */
    static String groupId(Strategy strategy, String flagName) {
        return strategy.parameters().getOrDefault("groupId", flagName);
    }

    private static Rule userWithId(String userIds) {
        if (userIds == null) {
            return Rule.NEVER;
        }
        Set<String> ids = split(userIds);
        return subject -> {
            String userId = subject.context().userId();
            return userId != null && ids.contains(userId);
        };
    }

    private static Rule rollout(String percentageText, String groupId, String field) {
        int percentage = percentage(percentageText);
        if (percentage < 0 || groupId == null) {
            return Rule.NEVER;
        }
        return subject -> {
            String value = subject.value(field);
            return value != null && Murmur3.normalizedValue(value, groupId, 100, Murmur3.ROLLOUT_SEED) <= percentage;
        };
    }

    private static Rule random(String percentageText) {
        int percentage = percentage(percentageText);
        if (percentage < 0) {
            return Rule.NEVER;
        }
        return subject -> Subject.randomBucket(100) <= percentage;
    }

    private static Rule flexibleRollout(Map<String, String> parameters, String flagName) {
        int percentage = percentage(parameters.get("rollout"));
        if (percentage < 0) {
            return Rule.NEVER;
        }
        String groupId = parameters.getOrDefault("groupId", flagName);
        String stickiness = parameters.getOrDefault("stickiness", "default");
        if (stickiness.equals("random")) {
            return subject -> Subject.randomBucket(100) <= percentage;
        }
        boolean fallsBackToRandom = stickiness.equals("default");
        return subject -> {
            String value = subject.stickinessValue(stickiness);
            if (value == null) {
                return fallsBackToRandom && Subject.randomBucket(100) <= percentage;
            }
            return Murmur3.normalizedValue(value, groupId, 100, Murmur3.ROLLOUT_SEED) <= percentage;
        };
    }

    private static Rule remoteAddress(String ips) {
        if (ips == null) {
            return Rule.NEVER;
        }
        List<IpNetwork> networks = Arrays.stream(ips.split(","))
                .map(IpNetwork::parse).filter(network -> network != null).toList();
        return subject -> ConstraintRules.anyContains(networks, subject.context().remoteAddress());
    }

    private static Rule hostname(String hostNames) {
        Set<String> hosts = split(hostNames == null ? "" : hostNames).stream()
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return subject -> {
            String hostname = subject.hostname();
            return hostname != null && hosts.contains(hostname.toLowerCase(Locale.ROOT));
        };
    }

    /** A whole percentage (0 and up), or -1 when absent or not a whole number. */
    private static int percentage(String text) {
        if (text == null) {
            return -1;
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 9 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(trimmed);
    }

    private static Set<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toUnmodifiableSet());
    }
}
