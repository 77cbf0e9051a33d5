package dev.valhalla.migrate.lint;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.valhalla.migrate.lint.LintRevisions.ignoredBefore;
import static dev.valhalla.migrate.lint.LintRevisions.lineOf;
import static dev.valhalla.migrate.lint.LintRevisions.lint;
import static dev.valhalla.migrate.lint.LintRevisions.text;
import static org.assertj.core.api.Assertions.assertThat;

/** For every rule: a statement that triggers it, the safe form that does not, and the trigger suppressed. */
class LinterRuleTest {

    private static final String TIMEOUT = "-- lock_timeout: 5s";
    private static final String NON_TRANSACTIONAL = "-- lock_timeout: 5s\n-- transactional: no";

    /**
     * @param marker text of the offending line; null when the finding concerns the whole revision (line 0)
     * @param safe   the safe alternative, which must produce no finding at all
     */
    record RuleCase(String rule, Severity severity, String trigger, String marker, String safe) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<RuleCase> cases() {
        return Stream.of(
                new RuleCase("require-concurrent-index-creation", Severity.ERROR,
                        text(TIMEOUT, "CREATE INDEX orders_created_idx ON orders (created_at);",
                                "DROP INDEX IF EXISTS orders_created_idx;"),
                        "CREATE INDEX", concurrentIndex()),
                new RuleCase("require-concurrent-index-deletion", Severity.WARNING,
                        text(TIMEOUT, "DROP INDEX orders_created_idx;",
                                "CREATE INDEX orders_created_idx ON orders (created_at);"),
                        "DROP INDEX", text(NON_TRANSACTIONAL, "DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx;",
                                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);")),
                new RuleCase("concurrently-in-transaction", Severity.ERROR,
                        text(TIMEOUT, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);",
                                "DROP INDEX IF EXISTS orders_created_idx;"),
                        "CREATE INDEX", concurrentIndex()),
                new RuleCase("adding-not-null-column-without-default", Severity.ERROR,
                        alter("ALTER TABLE orders ADD COLUMN status text NOT NULL;",
                                "ALTER TABLE orders DROP COLUMN status;"),
                        "ADD COLUMN", alter("ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';",
                                "ALTER TABLE orders DROP COLUMN status;")),
                new RuleCase("adding-volatile-default", Severity.ERROR,
                        alter("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
                                "ALTER TABLE orders DROP COLUMN token;"),
                        "ADD COLUMN", alter("ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();",
                                "ALTER TABLE orders DROP COLUMN seen_at;")),
                new RuleCase("changing-column-type", Severity.ERROR,
                        alter("ALTER TABLE orders ALTER COLUMN total TYPE numeric(14, 2);",
                                "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);"),
                        "TYPE", alter("ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;",
                                "ALTER TABLE orders ALTER COLUMN total DROP DEFAULT;")),
                new RuleCase("adding-foreign-key-without-not-valid", Severity.ERROR,
                        alter("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk\n"
                                        + "    FOREIGN KEY (customer_id) REFERENCES customers (id);",
                                "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;"),
                        "ALTER TABLE orders ADD CONSTRAINT",
                        alter("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk\n"
                                        + "    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n"
                                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;",
                                "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;")),
                new RuleCase("adding-check-constraint-without-not-valid", Severity.ERROR,
                        alter("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);",
                                "ALTER TABLE orders DROP CONSTRAINT orders_total_positive;"),
                        "CHECK", alter("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0)"
                                        + " NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;",
                                "ALTER TABLE orders DROP CONSTRAINT orders_total_positive;")),
                new RuleCase("setting-not-null", Severity.ERROR,
                        alter("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
                                "ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;"),
                        "SET NOT NULL", alter("ALTER TABLE orders ADD CONSTRAINT orders_customer_present\n"
                                        + "    CHECK (customer_id IS NOT NULL) NOT VALID;",
                                "ALTER TABLE orders DROP CONSTRAINT orders_customer_present;")),
                new RuleCase("renaming-column", Severity.WARNING,
                        alter("ALTER TABLE orders RENAME COLUMN total TO amount;",
                                "ALTER TABLE orders RENAME COLUMN amount TO total;"),
                        "RENAME", alter("ALTER TABLE orders ADD COLUMN amount numeric;",
                                "ALTER TABLE orders DROP COLUMN amount;")),
                new RuleCase("renaming-table", Severity.WARNING,
                        alter("ALTER TABLE orders RENAME TO purchases;", "ALTER TABLE purchases RENAME TO orders;"),
                        "RENAME", alter("CREATE VIEW purchases AS SELECT * FROM orders;", "DROP VIEW purchases;")),
                new RuleCase("dropping-column", Severity.WARNING,
                        alter("ALTER TABLE orders DROP COLUMN legacy_code;",
                                "ALTER TABLE orders ADD COLUMN legacy_code text;"),
                        "DROP COLUMN", alter("ALTER TABLE orders ALTER COLUMN legacy_code DROP NOT NULL;",
                                "ALTER TABLE orders ALTER COLUMN legacy_code SET NOT NULL;")),
                new RuleCase("dropping-table", Severity.WARNING,
                        alter("DROP TABLE legacy_orders;", "CREATE TABLE legacy_orders (id bigint);"),
                        "DROP TABLE", alter("CREATE TABLE import_batch (id bigint);\n"
                                + "INSERT INTO import_batch SELECT id FROM orders;\nDROP TABLE import_batch;", "SELECT 1;")),
                new RuleCase("missing-downgrade", Severity.WARNING,
                        text(TIMEOUT, "CREATE TABLE tags (name text PRIMARY KEY);", null),
                        null, alter("CREATE TABLE tags (name text PRIMARY KEY);", "DROP TABLE tags;")),
                new RuleCase("missing-if-exists", Severity.WARNING,
                        text(NON_TRANSACTIONAL, "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);",
                                "DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx;"),
                        "CREATE INDEX", concurrentIndex()),
                new RuleCase("missing-lock-timeout", Severity.WARNING,
                        text("", "ALTER TABLE orders ADD COLUMN note text;", "ALTER TABLE orders DROP COLUMN note;"),
                        "ADD COLUMN", alter("ALTER TABLE orders ADD COLUMN note text;",
                                "ALTER TABLE orders DROP COLUMN note;")),
                new RuleCase("prefer-bigint-over-int", Severity.WARNING,
                        alter("CREATE TABLE events (\n    id serial PRIMARY KEY,\n    kind text NOT NULL\n);",
                                "DROP TABLE events;"),
                        "CREATE TABLE", alter("CREATE TABLE events (\n    id bigint GENERATED ALWAYS AS IDENTITY"
                                + " PRIMARY KEY,\n    kind text NOT NULL\n);", "DROP TABLE events;")),
                new RuleCase("prefer-timestamptz", Severity.WARNING,
                        alter("CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp NOT NULL);",
                                "DROP TABLE events;"),
                        "CREATE TABLE", alter("CREATE TABLE events (id bigint PRIMARY KEY,"
                                + " happened_at timestamptz NOT NULL);", "DROP TABLE events;")),
                new RuleCase("prefer-text", Severity.WARNING,
                        alter("CREATE TABLE coupons (code varchar(20) PRIMARY KEY);", "DROP TABLE coupons;"),
                        "CREATE TABLE", alter("CREATE TABLE coupons (code text PRIMARY KEY"
                                + " CHECK (char_length(code) <= 20));", "DROP TABLE coupons;")));
    }

    private static String alter(String upgrade, String downgrade) {
        return text(TIMEOUT, upgrade, downgrade);
    }

    private static String concurrentIndex() {
        return text(NON_TRANSACTIONAL, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);",
                "DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx;");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reports_the_rule_at_the_offending_line_with_its_severity(RuleCase ruleCase, @TempDir Path dir)
            throws Exception {
        List<LintFinding> findings = ofRule(lint(dir, ruleCase.trigger()), ruleCase.rule());

        int line = ruleCase.marker() == null ? 0 : lineOf(ruleCase.trigger(), ruleCase.marker());
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.line()).isEqualTo(line);
            assertThat(finding.severity()).isEqualTo(ruleCase.severity());
            assertThat(finding.revision()).isEqualTo("lint_case");
            assertThat(finding.file()).isEqualTo(dir.resolve("lint_case.sql"));
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.fix()).isNotBlank().doesNotContain("\n");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_the_safe_alternative_without_any_finding(RuleCase ruleCase, @TempDir Path dir) throws Exception {
        assertThat(lint(dir, ruleCase.safe())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void honours_lint_ignore_naming_the_rule(RuleCase ruleCase, @TempDir Path dir) throws Exception {
        String marker = ruleCase.marker() == null ? "-- upgrade" : ruleCase.marker();
        String suppressed = ignoredBefore(ruleCase.trigger(), marker, ruleCase.rule());

        List<LintFinding> findings = lint(dir, suppressed);

        assertThat(ofRule(findings, ruleCase.rule())).isEmpty();
        assertThat(ofRule(findings, "unknown-lint-rule")).isEmpty();
    }

    private static List<LintFinding> ofRule(List<LintFinding> findings, String rule) {
        return findings.stream().filter(finding -> finding.rule().equals(rule)).toList();
    }
}
