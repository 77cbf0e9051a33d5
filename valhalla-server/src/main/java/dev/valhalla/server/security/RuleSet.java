package dev.valhalla.server.security;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the enforced rules, compiled for matching: exact addresses, key ids and
 * client ids in hash maps, networks, user-agent patterns and path prefixes in lists. Rules of disabled
 * policies are left out. Expiry is checked at match time against the caller's clock, so a rule stops
 * matching on time without a reload. Thread-safe (immutable).
 */
final class RuleSet {

    /** No rules at all (before the first load). */
    static final RuleSet EMPTY = new RuleSet(List.of(), List.of(), List.of(), Map.of());
    /** User-agent headers longer than this are matched on their first characters only (bounds regex cost). */
    static final int USER_AGENT_LIMIT = 1024;

    private record Network(Cidr cidr, BlockRule rule) {
    }

    private record UserAgentPattern(Pattern pattern, BlockRule rule) {
    }

    private final Map<InetAddress, List<BlockRule>> byAddress = new HashMap<>();
    private final List<Network> networks = new ArrayList<>();
    private final Map<String, List<BlockRule>> byKeyId = new HashMap<>();
    private final Map<String, List<BlockRule>> byClient = new HashMap<>();
    private final List<UserAgentPattern> userAgents = new ArrayList<>();
    private final List<BlockRule> pathPrefixes = new ArrayList<>();
    private final Map<String, String> clientOfKey;
    private final Map<String, Honeypot> honeypots = new HashMap<>();
    private final List<BlockRule> rules;

    /**
     * @param policies    every policy
     * @param rules       every rule; those of disabled policies are ignored
     * @param honeypots   every honeypot; disabled ones are ignored
     * @param clientOfKey key id → client id, for keys of clients that rules block
     */
    RuleSet(List<SecurityPolicy> policies, List<BlockRule> rules, List<Honeypot> honeypots, Map<String, String> clientOfKey) {
        Set<Long> enabled = policies.stream().filter(SecurityPolicy::enabled).map(SecurityPolicy::id).collect(Collectors.toSet());
        this.rules = rules.stream().filter(rule -> enabled.contains(rule.policyId())).toList();
        this.clientOfKey = Map.copyOf(clientOfKey);
        for (BlockRule rule : this.rules) {
            compile(rule);
        }
        for (Honeypot honeypot : honeypots) {
            if (honeypot.enabled()) {
                this.honeypots.put(honeypotKey(honeypot.method(), honeypot.path()), honeypot);
            }
        }
    }

    private void compile(BlockRule rule) {
        RuleKind kind = RuleKind.fromWire(rule.kind()).orElseThrow(() ->
                new IllegalStateException("rule " + rule.id() + " has unknown kind " + rule.kind()));
        switch (kind) {
            case IP -> IpAddresses.parse(rule.value()).ifPresent(address ->
                    byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(rule));
            case CIDR -> Cidr.parse(rule.value()).ifPresent(cidr -> networks.add(new Network(cidr, rule)));
            case API_KEY -> byKeyId.computeIfAbsent(rule.value(), k -> new ArrayList<>()).add(rule);
            case CLIENT -> byClient.computeIfAbsent(rule.value(), k -> new ArrayList<>()).add(rule);
            case USER_AGENT -> userAgents.add(new UserAgentPattern(Pattern.compile(rule.value()), rule));
            case PATH_PREFIX -> pathPrefixes.add(rule);
        }
    }

    /** The first rule active at {@code now} that matches the request, if any. */
    Optional<BlockRule> match(RequestFacts request, Instant now) {
        if (request.address() != null) {
            Optional<BlockRule> hit = first(byAddress.get(request.address()), now);
            if (hit.isPresent()) {
                return hit;
            }
            for (Network network : networks) {
                if (network.rule().activeAt(now) && network.cidr().contains(request.address())) {
                    return Optional.of(network.rule());
                }
            }
        }
        if (request.keyId() != null) {
            Optional<BlockRule> hit = first(byKeyId.get(request.keyId()), now)
                    .or(() -> Optional.ofNullable(clientOfKey.get(request.keyId())).flatMap(client -> matchClient(client, now)));
            if (hit.isPresent()) {
                return hit;
            }
        }
        if (request.userAgent() != null && !userAgents.isEmpty()) {
            String agent = request.userAgent().length() > USER_AGENT_LIMIT
                    ? request.userAgent().substring(0, USER_AGENT_LIMIT) : request.userAgent();
            for (UserAgentPattern pattern : userAgents) {
                if (pattern.rule().activeAt(now) && pattern.pattern().matcher(agent).find()) {
                    return Optional.of(pattern.rule());
                }
            }
        }
        for (BlockRule rule : pathPrefixes) {
            if (rule.activeAt(now) && request.path().startsWith(rule.value())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The first active rule blocking this client, if any. */
    Optional<BlockRule> matchClient(String clientId, Instant now) {
        return first(byClient.get(clientId), now);
    }

    /** The enabled honeypot at exactly this method and path, if any. */
    Optional<Honeypot> honeypot(String method, String path) {
        return honeypots.isEmpty() ? Optional.empty() : Optional.ofNullable(honeypots.get(honeypotKey(method, path)));
    }

    /** Client ids that rules block (to load their key ids). */
    Set<String> blockedClients() {
        return Set.copyOf(byClient.keySet());
    }

    /** Rules of enabled policies that are active at {@code now}. */
    long activeRules(Instant now) {
        return rules.stream().filter(rule -> rule.activeAt(now)).count();
    }

    private static Optional<BlockRule> first(List<BlockRule> candidates, Instant now) {
        if (candidates == null) {
            return Optional.empty();
        }
        for (BlockRule rule : candidates) {
            if (rule.activeAt(now)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static String honeypotKey(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }
}
