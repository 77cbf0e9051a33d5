package dev.valhalla.server.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Compiles constraints into rules with the Unleash semantics: a missing context value fails every
 * operator except {@code NOT_IN}; {@code inverted} negates the result; a constraint that cannot be
 * evaluated at all (unknown operator, unparsable operand, broken regex) is false whatever
 * {@code inverted} says.
 */
final class ConstraintRules {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private ConstraintRules() {
    }

    static Rule compileAll(List<Constraint> constraints) {
        List<Rule> rules = new ArrayList<>(constraints.size());
        for (Constraint constraint : constraints) {
            rules.add(compile(constraint));
        }
        return Rule.allOf(rules);
    }

    static Rule compile(Constraint constraint) {
        Rule rule = operatorRule(constraint);
        if (rule == null) {
            return Rule.NEVER;
        }
        return constraint.inverted() ? subject -> !rule.test(subject) : rule;
    }

    /** Whether the server can evaluate the operator. */
    static boolean knownOperator(String operator) {
        return switch (operator) {
            case "IN", "NOT_IN", "STR_CONTAINS", "STR_STARTS_WITH", "STR_ENDS_WITH", "NUM_EQ", "NUM_GT", "NUM_GTE",
                 "NUM_LT", "NUM_LTE", "DATE_AFTER", "DATE_BEFORE", "SEMVER_EQ", "SEMVER_GT", "SEMVER_GTE",
                 "SEMVER_LT", "SEMVER_LTE", "REGEX", "IN_CIDR" -> true;
            default -> false;
        };
    }

    private static Rule operatorRule(Constraint c) {
        String field = c.contextName();
        return switch (c.operator()) {
            case "IN" -> {
                Set<String> values = new HashSet<>(c.values());
                yield subject -> {
                    String value = subject.value(field);
                    return value != null && values.contains(value);
                };
            }
            case "NOT_IN" -> {
                Set<String> values = new HashSet<>(c.values());
                yield subject -> {
                    String value = subject.value(field);
                    return value == null || !values.contains(value);
                };
            }
            case "STR_CONTAINS" -> strings(c, String::contains);
            case "STR_STARTS_WITH" -> strings(c, String::startsWith);
            case "STR_ENDS_WITH" -> strings(c, String::endsWith);
            case "NUM_EQ" -> number(c, order -> order == 0);
            case "NUM_GT" -> number(c, order -> order > 0);
            case "NUM_GTE" -> number(c, order -> order >= 0);
            case "NUM_LT" -> number(c, order -> order < 0);
            case "NUM_LTE" -> number(c, order -> order <= 0);
            case "DATE_AFTER" -> date(c, order -> order > 0);
            case "DATE_BEFORE" -> date(c, order -> order < 0);
            case "SEMVER_EQ" -> semver(c, order -> order == 0);
            case "SEMVER_GT" -> semver(c, order -> order > 0);
            case "SEMVER_GTE" -> semver(c, order -> order >= 0);
            case "SEMVER_LT" -> semver(c, order -> order < 0);
            case "SEMVER_LTE" -> semver(c, order -> order <= 0);
            case "REGEX" -> regex(c);
            case "IN_CIDR" -> cidr(c);
            default -> null;
        };
    }

    private static Rule strings(Constraint c, BiPredicate<String, String> test) {
        boolean ignoreCase = c.caseInsensitive();
        List<String> operands = c.values().stream().map(v -> ignoreCase ? v.toLowerCase(Locale.ROOT) : v).toList();
        String field = c.contextName();
        return subject -> {
            String value = subject.value(field);
            if (value == null) {
                return false;
            }
            String candidate = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            for (String operand : operands) {
                if (test.test(candidate, operand)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Rule number(Constraint c, IntPredicate order) {
        Double operand = parseNumber(single(c));
        if (operand == null) {
            return null;
        }
        double target = operand;
        String field = c.contextName();
        return subject -> {
            Double value = parseNumber(subject.value(field));
            // == rather than Double.compare so that 0.0 equals -0.0
            return value != null && order.test(value == target ? 0 : (value < target ? -1 : 1));
        };
    }

    private static Rule date(Constraint c, IntPredicate order) {
        Instant target = Dates.parse(single(c));
        if (target == null) {
            return null;
        }
        return subject -> {
            Instant now = subject.currentTime();
            return now != null && order.test(now.compareTo(target));
        };
    }

    private static Rule semver(Constraint c, IntPredicate order) {
        SemanticVersion target = SemanticVersion.parse(single(c));
        if (target == null) {
            return null;
        }
        String field = c.contextName();
        return subject -> {
            SemanticVersion value = SemanticVersion.parse(subject.value(field));
            return value != null && order.test(value.compareTo(target));
        };
    }

    private static Rule regex(Constraint c) {
        Pattern pattern = RegexDialect.compile(single(c), c.caseInsensitive());
        if (pattern == null) {
            return null;
        }
        String field = c.contextName();
        return subject -> {
            String value = subject.value(field);
            return value != null && RegexDialect.find(pattern, value);
        };
    }

    private static Rule cidr(Constraint c) {
        List<IpNetwork> networks = c.values().stream().map(IpNetwork::parse).filter(n -> n != null).toList();
        String field = c.contextName();
        return subject -> anyContains(networks, subject.value(field));
    }

    static boolean anyContains(List<IpNetwork> networks, String address) {
        if (address == null || networks.isEmpty()) {
            return false;
        }
        byte[] bytes = IpNetwork.parseAddress(address.trim());
        for (IpNetwork network : networks) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The single operand: {@code value}, else the first of {@code values}. */
    private static String single(Constraint c) {
        if (c.value() != null) {
            return c.value();
        }
        return c.values().isEmpty() ? null : c.values().get(0);
    }

    static Double parseNumber(String text) {
        if (text == null || text.length() > 64 || !NUMBER.matcher(text).matches()) {
            return null;
        }
        return Double.parseDouble(text);
    }
}
