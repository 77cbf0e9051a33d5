package dev.valhalla.server.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.error.FieldError;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic checks of flag and segment definitions, each error reported with its JSON pointer and
 * all errors collected (never only the first): names, unknown operators and their operands (numbers,
 * dates, semantic versions, regular expressions, CIDR networks), strategy parameters, unknown
 * segments, variant weights, dependencies (unknown parent, self, cycles, chains) and size.
 *
 * <p>Variant weights follow Unleash: weights are out of {@value #TOTAL_WEIGHT}; a variant with
 * {@code weightType: "fix"} keeps its weight, the others ({@code variable} or unset) share what the
 * fix ones leave, split evenly with the remainder going one each to the first of them. A list whose
 * weights already total 1000 is kept exactly as written (documents exported by Unleash carry the
 * computed weights). Fix weights over 1000, or fix-only lists not totalling 1000, are errors.
 */
final class FlagValidation {

    static final int TOTAL_WEIGHT = 1000;
    static final int MAX_DEFINITION_BYTES = 64 * 1024;
    static final Set<String> RESERVED_NAMES = Set.of("import");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,99}");
    private static final Set<String> PAYLOAD_TYPES = Set.of("string", "json", "csv", "number");
    private static final Set<String> WEIGHT_TYPES = Set.of("fix", "variable");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a definition is checked against: the state the change would produce.
     *
     * @param segmentIds segments that exist after the change
     * @param parents    every live flag after the change, by name, with the names it depends on
     */
    record Universe(Set<Integer> segmentIds, Map<String, List<String>> parents) {
    }

    private FlagValidation() {
    }

    /**
     * Checks one flag and returns it with variable variant weights distributed.
     *
     * @param at pointer of the flag in the request body ({@code ""} when the body is the flag)
     */
    static Flag flag(Flag flag, String at, Universe universe, List<FieldError> errors) {
        if (!NAME.matcher(flag.name()).matches()) {
            errors.add(new FieldError(at + "/name", "must be 1 to 100 characters of letters, digits and . _ ~ -, "
                    + "starting with a letter or digit"));
        } else if (RESERVED_NAMES.contains(flag.name())) {
            errors.add(new FieldError(at + "/name", "'" + flag.name() + "' is reserved"));
        }
        List<Strategy> strategies = new ArrayList<>();
        for (int i = 0; i < flag.strategies().size(); i++) {
            strategies.add(strategy(flag.strategies().get(i), at + "/strategies/" + i, universe, errors));
        }
        List<VariantDefinition> variants = variants(flag.variants(), at + "/variants", errors);
        dependencies(flag, at, universe, errors);
        Flag normalized = new Flag(flag.name(), flag.enabled(), flag.description(), flag.project(), flag.type(),
                flag.stale(), flag.impressionData(), strategies, variants, flag.dependencies());
        int size = new ClientFeaturesWriter().flag(normalized).toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_DEFINITION_BYTES) {
            errors.add(new FieldError(at, "the flag definition is " + size + " bytes; at most " + MAX_DEFINITION_BYTES
                    + " are allowed"));
        }
        return normalized;
    }

    /** Checks one segment's constraints. */
    static void segment(Segment segment, String at, List<FieldError> errors) {
        if (segment.id() <= 0) {
            errors.add(new FieldError(at + "/id", "must be a positive integer"));
        }
        if (segment.name() != null && segment.name().length() > 200) {
            errors.add(new FieldError(at + "/name", "at most 200 characters"));
        }
        constraints(segment.constraints(), at + "/constraints", errors);
        int size = new ClientFeaturesWriter().segment(segment).toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_DEFINITION_BYTES) {
            errors.add(new FieldError(at, "the segment definition is " + size + " bytes; at most "
                    + MAX_DEFINITION_BYTES + " are allowed"));
        }
    }

    private static Strategy strategy(Strategy strategy, String at, Universe universe, List<FieldError> errors) {
        Map<String, String> parameters = strategy.parameters();
        switch (strategy.name()) {
            case "flexibleRollout" -> percentage(parameters, "rollout", at, errors);
            case "gradualRolloutUserId", "gradualRolloutSessionId", "gradualRolloutRandom" ->
                    percentage(parameters, "percentage", at, errors);
            case "userWithId" -> required(parameters, "userIds", at, errors);
            case "applicationHostname" -> required(parameters, "hostNames", at, errors);
            case "remoteAddress" -> {
                if (required(parameters, "IPs", at, errors)) {
                    for (String network : parameters.get("IPs").split(",")) {
                        if (IpNetwork.parse(network) == null) {
                            errors.add(new FieldError(at + "/parameters/IPs", "'" + network.trim()
                                    + "' is not an IP address or CIDR network"));
                        }
                    }
                }
            }
            default -> {
                if (strategy.name().isBlank()) {
                    errors.add(new FieldError(at + "/name", "must not be blank"));
                }
            }
        }
        constraints(strategy.constraints(), at + "/constraints", errors);
        for (int i = 0; i < strategy.segments().size(); i++) {
            Integer id = strategy.segments().get(i);
            if (!universe.segmentIds().contains(id)) {
                errors.add(new FieldError(at + "/segments/" + i, "unknown segment " + id));
            }
        }
        List<VariantDefinition> variants = variants(strategy.variants(), at + "/variants", errors);
        return new Strategy(strategy.name(), parameters, strategy.constraints(), strategy.segments(), variants);
    }

    private static void percentage(Map<String, String> parameters, String name, String at, List<FieldError> errors) {
        if (!required(parameters, name, at, errors)) {
            return;
        }
        String text = parameters.get(name).trim();
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > 100) {
            errors.add(new FieldError(at + "/parameters/" + name, "must be a whole percentage from 0 to 100, got '"
                    + abbreviate(text) + "'"));
        }
    }

    private static boolean required(Map<String, String> parameters, String name, String at, List<FieldError> errors) {
        if (parameters.get(name) == null || parameters.get(name).isBlank()) {
            errors.add(new FieldError(at + "/parameters/" + name, "is required"));
            return false;
        }
        return true;
    }

    private static void constraints(List<Constraint> constraints, String at, List<FieldError> errors) {
        for (int i = 0; i < constraints.size(); i++) {
            constraint(constraints.get(i), at + "/" + i, errors);
        }
    }

    private static void constraint(Constraint constraint, String at, List<FieldError> errors) {
        if (constraint.contextName().isBlank()) {
            errors.add(new FieldError(at + "/contextName", "must not be blank"));
        }
        String operator = constraint.operator();
        if (!ConstraintRules.knownOperator(operator)) {
            errors.add(new FieldError(at + "/operator", "unknown operator '" + abbreviate(operator) + "'; expected one of "
                    + "IN, NOT_IN, STR_CONTAINS, STR_STARTS_WITH, STR_ENDS_WITH, NUM_EQ, NUM_GT, NUM_GTE, NUM_LT, "
                    + "NUM_LTE, DATE_AFTER, DATE_BEFORE, SEMVER_EQ, SEMVER_GT, SEMVER_GTE, SEMVER_LT, SEMVER_LTE, "
                    + "REGEX, IN_CIDR"));
            return;
        }
        if (operator.equals("IN_CIDR")) {
            for (int i = 0; i < constraint.values().size(); i++) {
                if (IpNetwork.parse(constraint.values().get(i)) == null) {
                    errors.add(new FieldError(at + "/values/" + i, "not an IP address or CIDR network"));
                }
            }
            return;
        }
        String kind = operator.startsWith("NUM_") ? "number" : operator.startsWith("DATE_") ? "date"
                : operator.startsWith("SEMVER_") ? "semver" : operator.equals("REGEX") ? "regex" : null;
        if (kind == null) {
            return;
        }
        String pointer = constraint.value() != null || constraint.values().isEmpty() ? at + "/value" : at + "/values/0";
        String operand = constraint.value() != null ? constraint.value()
                : constraint.values().isEmpty() ? null : constraint.values().get(0);
        if (operand == null) {
            errors.add(new FieldError(at + "/value", "is required for operator " + operator));
            return;
        }
        String problem = switch (kind) {
            case "number" -> ConstraintRules.parseNumber(operand) == null ? "is not a number" : null;
            case "date" -> Dates.parse(operand) == null ? "is not an RFC 3339 timestamp with offset" : null;
            case "semver" -> SemanticVersion.parse(operand) == null ? "is not a semantic version (MAJOR.MINOR.PATCH)" : null;
            default -> RegexDialect.compile(operand, constraint.caseInsensitive()) == null
                    ? "is not a valid regular expression" : null;
        };
        if (problem != null) {
            errors.add(new FieldError(pointer, "'" + abbreviate(operand) + "' " + problem));
        }
    }

    private static List<VariantDefinition> variants(List<VariantDefinition> variants, String at, List<FieldError> errors) {
        if (variants.isEmpty()) {
            return variants;
        }
        Set<String> names = new HashSet<>();
        int fixTotal = 0;
        int total = 0;
        int variable = 0;
        boolean valid = true;
        for (int i = 0; i < variants.size(); i++) {
            VariantDefinition variant = variants.get(i);
            String pointer = at + "/" + i;
            if (variant.name().isBlank()) {
                errors.add(new FieldError(pointer + "/name", "must not be blank"));
            } else if (!names.add(variant.name())) {
                errors.add(new FieldError(pointer + "/name", "duplicate variant name '" + abbreviate(variant.name()) + "'"));
            }
            if (variant.weight() < 0 || variant.weight() > TOTAL_WEIGHT) {
                errors.add(new FieldError(pointer + "/weight", "must be from 0 to " + TOTAL_WEIGHT));
                valid = false;
            }
            if (variant.weightType() != null && !WEIGHT_TYPES.contains(variant.weightType())) {
                errors.add(new FieldError(pointer + "/weightType", "must be 'fix' or 'variable'"));
                valid = false;
            }
            payload(variant.payload(), pointer + "/payload", errors);
            total += variant.weight();
            if ("fix".equals(variant.weightType())) {
                fixTotal += variant.weight();
            } else {
                variable++;
            }
        }
        if (!valid || total == TOTAL_WEIGHT) {
            return variants;
        }
        if (variable == 0) {
            errors.add(new FieldError(at, "the weights of fix variants total " + total + "; they must total "
                    + TOTAL_WEIGHT + " when no variant is variable"));
            return variants;
        }
        if (fixTotal >= TOTAL_WEIGHT) {
            errors.add(new FieldError(at, "the fix variants' weights total " + fixTotal + ", leaving nothing for the "
                    + variable + " variable variant(s); fix weights must total less than " + TOTAL_WEIGHT));
            return variants;
        }
        return distribute(variants, TOTAL_WEIGHT - fixTotal, variable);
    }

    private static List<VariantDefinition> distribute(List<VariantDefinition> variants, int remaining, int variable) {
        int share = remaining / variable;
        int extra = remaining % variable;
        List<VariantDefinition> weighted = new ArrayList<>(variants.size());
        for (VariantDefinition variant : variants) {
            if ("fix".equals(variant.weightType())) {
                weighted.add(variant);
                continue;
            }
            int weight = share + (extra-- > 0 ? 1 : 0);
            weighted.add(new VariantDefinition(variant.name(), weight,
                    variant.weightType() == null ? "variable" : variant.weightType(), variant.stickiness(),
                    variant.payload(), variant.overrides()));
        }
        return weighted;
    }

    private static void payload(Payload payload, String at, List<FieldError> errors) {
        if (payload == null) {
            return;
        }
        if (!PAYLOAD_TYPES.contains(payload.type())) {
            errors.add(new FieldError(at + "/type", "must be one of string, json, csv, number"));
        } else if (payload.type().equals("number") && ConstraintRules.parseNumber(payload.value()) == null) {
            errors.add(new FieldError(at + "/value", "is not a number"));
        } else if (payload.type().equals("json") && !isJson(payload.value())) {
            errors.add(new FieldError(at + "/value", "is not valid JSON text"));
        }
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static void dependencies(Flag flag, String at, Universe universe, List<FieldError> errors) {
        Map<String, List<String>> parents = universe.parents();
        for (int i = 0; i < flag.dependencies().size(); i++) {
            String parent = flag.dependencies().get(i).feature();
            String pointer = at + "/dependencies/" + i + "/feature";
            if (parent.equals(flag.name())) {
                errors.add(new FieldError(pointer, "a flag cannot depend on itself"));
            } else if (!parents.containsKey(parent)) {
                errors.add(new FieldError(pointer, "unknown flag '" + abbreviate(parent) + "'"));
            } else {
                List<String> cycle = cycle(flag.name(), parent, parents);
                if (cycle != null) {
                    errors.add(new FieldError(pointer, "dependency cycle: " + String.join(" -> ", cycle)));
                } else if (!parents.get(parent).isEmpty()) {
                    errors.add(new FieldError(pointer, "flag '" + parent + "' has dependencies of its own; only one "
                            + "level of dependencies is evaluated"));
                }
            }
        }
        if (!flag.dependencies().isEmpty()) {
            List<String> children = parents.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(flag.name()) && entry.getValue().contains(flag.name()))
                    .map(Map.Entry::getKey).sorted().toList();
            boolean inCycle = flag.dependencies().stream().anyMatch(d -> cycle(flag.name(), d.feature(), parents) != null);
            if (!children.isEmpty() && !inCycle) {
                errors.add(new FieldError(at + "/dependencies", "flag(s) " + children + " depend on this flag, so it "
                        + "cannot have dependencies; only one level of dependencies is evaluated"));
            }
        }
    }

    /** The path {@code start -> from -> … -> start} when {@code from} leads back to {@code start}, else null. */
    private static List<String> cycle(String start, String from, Map<String, List<String>> parents) {
        List<String> path = new ArrayList<>();
        path.add(start);
        return walk(start, from, parents, path, new LinkedHashSet<>()) ? path : null;
    }

    private static boolean walk(String start, String node, Map<String, List<String>> parents, List<String> path,
                                Set<String> seen) {
        path.add(node);
        if (node.equals(start)) {
            return true;
        }
        if (seen.add(node)) {
            for (String next : parents.getOrDefault(node, List.of())) {
                if (walk(start, next, parents, path, seen)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
