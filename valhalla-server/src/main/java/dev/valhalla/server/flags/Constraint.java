package dev.valhalla.server.flags;

import java.util.List;
import java.util.Objects;

/**
 * A condition on one context field. The operator is kept as written so that a document round-trips;
 * an operator this server does not know makes the constraint false (the Unleash rule).
 *
 * <p>Operators: {@code IN}, {@code NOT_IN}, {@code STR_CONTAINS}, {@code STR_STARTS_WITH},
 * {@code STR_ENDS_WITH} (list, {@code caseInsensitive} honoured by the {@code STR_} ones),
 * {@code NUM_EQ|GT|GTE|LT|LTE}, {@code DATE_AFTER|BEFORE}, {@code SEMVER_EQ|GT|GTE|LT|LTE}
 * (single {@code value}), {@code REGEX} (single {@code value}, RE2-style syntax) and {@code IN_CIDR}
 * (list of addresses and networks).
 *
 * @param contextName     field of the context ({@code userId}, {@code environment}, … or a property)
 * @param operator        operator name, e.g. {@code STR_CONTAINS}
 * @param values          list operand (list operators)
 * @param value           single operand (number, date, semver and regex operators), or null
 * @param inverted        negate the result
 * @param caseInsensitive compare ignoring case (string and regex operators)
 */
public record Constraint(String contextName, String operator, List<String> values, String value,
                         boolean inverted, boolean caseInsensitive) {

    public Constraint {
        Objects.requireNonNull(contextName, "contextName");
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A list constraint such as {@code environment IN [prod]}. */
    public static Constraint list(String contextName, String operator, List<String> values) {
        return new Constraint(contextName, operator, values, null, false, false);
    }

    /** A single-value constraint such as {@code version SEMVER_GT 1.2.0}. */
    public static Constraint single(String contextName, String operator, String value) {
        return new Constraint(contextName, operator, List.of(), value, false, false);
    }
}
