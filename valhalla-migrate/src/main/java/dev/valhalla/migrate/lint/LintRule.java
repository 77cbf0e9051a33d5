package dev.valhalla.migrate.lint;

/**
 * A lint rule as documented to users.
 *
 * @param id       stable kebab-case id, the name used in {@code -- lint:ignore ID}
 * @param severity severity of every finding of this rule
 * @param title    what the rule catches
 * @param why      why it hurts in production
 * @param fix      the safe alternative
 */
public record LintRule(String id, Severity severity, String title, String why, String fix) {
}
