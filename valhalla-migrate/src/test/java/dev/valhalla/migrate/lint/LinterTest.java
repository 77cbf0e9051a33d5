package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.valhalla.migrate.lint.LintRevisions.lineOf;
import static dev.valhalla.migrate.lint.LintRevisions.lint;
import static dev.valhalla.migrate.lint.LintRevisions.parse;
import static dev.valhalla.migrate.lint.LintRevisions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LinterTest {

    private static final String TIMEOUT = "-- lock_timeout: 5s";
    private static final String NON_TRANSACTIONAL = "-- lock_timeout: 5s\n-- transactional: no";

    @TempDir
    Path dir;

    @Test
    void reports_every_finding_of_a_revision_not_only_the_first() throws Exception {
        String text = text("", """
                ALTER TABLE orders ADD COLUMN status text NOT NULL;
                CREATE INDEX orders_status_idx ON orders (status);
                ALTER TABLE orders RENAME COLUMN total TO amount;
                """, null);

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule).containsExactly(
                tuple(0, "missing-downgrade"),
                tuple(lineOf(text, "ADD COLUMN"), "adding-not-null-column-without-default"),
                tuple(lineOf(text, "ADD COLUMN"), "missing-lock-timeout"),
                tuple(lineOf(text, "CREATE INDEX"), "require-concurrent-index-creation"),
                tuple(lineOf(text, "RENAME"), "renaming-column"));
    }

    @Test
    void ignores_keywords_inside_strings_comments_dollar_quotes_and_quoted_identifiers() throws Exception {
        String text = text(TIMEOUT, """
                INSERT INTO audit (note) VALUES ('DROP TABLE orders; ALTER TABLE orders RENAME TO x');
                INSERT INTO audit (note) VALUES (E'it\\'s ALTER TABLE orders DROP COLUMN id');
                /* CREATE INDEX orders_idx ON orders (id); /* nested */ DROP INDEX orders_idx */
                SELECT 1; -- DROP TABLE orders
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    EXECUTE 'ALTER TABLE orders ALTER COLUMN total TYPE bigint';
                    RETURN NEW;
                END
                $body$;
                ALTER TABLE orders ADD COLUMN "not null" text DEFAULT 'x NOT NULL';
                ALTER TABLE orders ADD COLUMN "varchar" text;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).isEmpty();
    }

    @Test
    void matches_keywords_in_any_case_and_across_line_breaks() throws Exception {
        String text = text(TIMEOUT, """
                create   UNIQUE
                    Index orders_ref_idx
                  ON public.Orders(reference);
                alter table "Orders" alter column "Total"
                    set data type numeric;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule, LintFinding::message)
                .containsExactly(
                        tuple(lineOf(text, "create"), "require-concurrent-index-creation",
                                "CREATE INDEX on existing table orders without CONCURRENTLY blocks writes to orders"
                                        + " while the index builds"),
                        tuple(lineOf(text, "alter table"), "changing-column-type",
                                "ALTER COLUMN Orders.Total TYPE rewrites existing table Orders under an ACCESS"
                                        + " EXCLUSIVE lock"));
    }

    @Test
    void reads_column_names_that_are_also_keywords() throws Exception {
        String text = text(TIMEOUT, """
                ALTER TABLE orders ALTER COLUMN type SET NOT NULL;
                ALTER TABLE orders ALTER COLUMN type TYPE text;
                ALTER TABLE orders ADD COLUMN "check" text, ADD COLUMN valid text;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule).containsExactly(
                tuple(lineOf(text, "SET NOT NULL"), "setting-not-null"),
                tuple(lineOf(text, "TYPE text"), "changing-column-type"));
    }

    @Test
    void treats_a_table_created_earlier_in_the_revision_as_new() throws Exception {
        String text = text("", """
                CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint, amount numeric);
                CREATE INDEX payments_order_idx ON payments (order_id);
                ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
                ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0);
                ALTER TABLE payments ALTER COLUMN order_id SET NOT NULL;
                ALTER TABLE payments ADD COLUMN reference uuid NOT NULL DEFAULT gen_random_uuid();
                ALTER TABLE payments ADD COLUMN state text NOT NULL;
                ALTER TABLE payments ALTER COLUMN amount TYPE numeric(12, 2);
                """, "DROP TABLE payments;");

        assertThat(lint(dir, text)).isEmpty();
    }

    @Test
    void treats_a_table_created_later_in_the_revision_as_existing() throws Exception {
        String text = text(TIMEOUT, """
                CREATE INDEX payments_order_idx ON payments (order_id);
                CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint);
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::rule).containsExactly("require-concurrent-index-creation");
    }

    @Test
    void accepts_drop_index_concurrently_if_exists_in_a_non_transactional_revision() throws Exception {
        String text = text(NON_TRANSACTIONAL, "DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx;",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);");

        assertThat(lint(dir, text)).isEmpty();
    }

    @Test
    void reports_concurrently_in_the_downgrade_of_a_transactional_revision() throws Exception {
        String text = text(NON_TRANSACTIONAL.replace("no", "yes"), "SELECT 1;",
                "DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx;");

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule, LintFinding::severity)
                .containsExactly(tuple(lineOf(text, "DROP INDEX"), "concurrently-in-transaction", Severity.ERROR));
    }

    @Test
    void reports_every_statement_a_retry_cannot_survive_in_a_non_transactional_revision() throws Exception {
        String text = text(NON_TRANSACTIONAL, """
                CREATE TABLE staging (id bigint);
                CREATE TABLE IF NOT EXISTS staging_copy (id bigint);
                ALTER TABLE orders ADD COLUMN note text;
                ALTER TABLE orders ADD COLUMN IF NOT EXISTS note2 text, DROP COLUMN IF EXISTS old_note;
                DROP TABLE staging;
                DROP VIEW IF EXISTS order_totals;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule).containsExactly(
                tuple(lineOf(text, "CREATE TABLE staging ("), "missing-if-exists"),
                tuple(lineOf(text, "ADD COLUMN note "), "missing-if-exists"),
                tuple(lineOf(text, "ADD COLUMN IF"), "dropping-column"),
                tuple(lineOf(text, "DROP TABLE"), "missing-if-exists"));
    }

    @Test
    void tells_volatile_defaults_from_stable_and_constant_ones() throws Exception {
        String text = text(TIMEOUT, """
                ALTER TABLE orders ADD COLUMN a timestamptz DEFAULT now();
                ALTER TABLE orders ADD COLUMN b timestamptz NOT NULL DEFAULT current_timestamp;
                ALTER TABLE orders ADD COLUMN c bigint NOT NULL DEFAULT 0;
                ALTER TABLE orders ADD COLUMN d timestamptz DEFAULT clock_timestamp();
                ALTER TABLE orders ADD COLUMN e bigint DEFAULT nextval('orders_e_seq');
                ALTER TABLE orders ADD COLUMN f bigserial;
                ALTER TABLE orders ADD COLUMN g double precision DEFAULT pg_catalog.random();
                ALTER TABLE orders ADD COLUMN h bigint GENERATED ALWAYS AS IDENTITY;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule).containsExactly(
                tuple(lineOf(text, "COLUMN d"), "adding-volatile-default"),
                tuple(lineOf(text, "COLUMN e"), "adding-volatile-default"),
                tuple(lineOf(text, "COLUMN f"), "adding-volatile-default"),
                tuple(lineOf(text, "COLUMN g"), "adding-volatile-default"),
                tuple(lineOf(text, "COLUMN h"), "adding-volatile-default"));
    }

    @Test
    void checks_column_types_precisely() throws Exception {
        String text = text(TIMEOUT, """
                CREATE TABLE samples (
                    a bigint, b int8, c interval, d timestamptz, e timestamp with time zone,
                    f timestamp(3) with time zone, g varchar, h text, i numeric(10, 2), j integer[],
                    k timestamp(3), l character varying(40), m char(2), n smallint,
                    CONSTRAINT samples_pk PRIMARY KEY (a)
                );
                ALTER TABLE orders ADD COLUMN o int4, ADD COLUMN p timestamp without time zone;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::rule, LintFinding::message).containsExactly(
                tuple("prefer-bigint-over-int", "column samples.j is integer, a key or counter that outgrows it"
                        + " needs a table rewrite to widen"),
                tuple("prefer-bigint-over-int", "column samples.n is smallint, a key or counter that outgrows it"
                        + " needs a table rewrite to widen"),
                tuple("prefer-text", "column samples.l is character varying(40), changing the limit later can"
                        + " lock the table"),
                tuple("prefer-text", "column samples.m is char(2), changing the limit later can lock the table"),
                tuple("prefer-timestamptz", "column samples.k is timestamp without time zone, its values carry"
                        + " no offset"),
                tuple("prefer-bigint-over-int", "column orders.o is int4, a key or counter that outgrows it"
                        + " needs a table rewrite to widen"),
                tuple("prefer-timestamptz", "column orders.p is timestamp without time zone, its values carry"
                        + " no offset"));
    }

    @Test
    void does_not_need_a_lock_timeout_for_new_tables_and_concurrent_builds() throws Exception {
        String text = text("-- transactional: no", """
                CREATE TABLE IF NOT EXISTS tags (name text PRIMARY KEY);
                CREATE INDEX IF NOT EXISTS tags_name_idx ON tags (name);
                CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);
                """, "DROP TABLE IF EXISTS tags;");

        assertThat(lint(dir, text)).isEmpty();
    }

    @Test
    void reports_an_empty_downgrade_section() throws Exception {
        String text = text(TIMEOUT, "CREATE TABLE tags (name text PRIMARY KEY);", "-- nothing to undo");

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule, LintFinding::message)
                .containsExactly(tuple(0, "missing-downgrade", "the downgrade section is empty"));
    }

    @Test
    void honours_a_revision_wide_ignore_for_statement_rules() throws Exception {
        String text = text(TIMEOUT + "\n-- lint:ignore renaming-column, dropping-column", """
                ALTER TABLE orders RENAME COLUMN total TO amount;
                ALTER TABLE orders DROP COLUMN legacy_code;
                ALTER TABLE orders RENAME TO purchases;
                """, "SELECT 1;");

        assertThat(lint(dir, text)).extracting(LintFinding::rule).containsExactly("renaming-table");
    }

    @Test
    void reports_an_ignore_naming_an_unknown_rule() throws Exception {
        String text = text(TIMEOUT + "\n-- lint:ignore no-such-rule", """
                -- lint:ignore renaming-column, renaming-colum
                ALTER TABLE orders RENAME COLUMN total TO amount;
                """, """
                -- lint:ignore made-up
                SELECT 1;
                """);

        assertThat(lint(dir, text)).extracting(LintFinding::line, LintFinding::rule, LintFinding::severity,
                LintFinding::message).containsExactly(
                tuple(0, "unknown-lint-rule", Severity.WARNING, "lint:ignore names unknown rule 'no-such-rule'"),
                tuple(lineOf(text, "RENAME COLUMN"), "unknown-lint-rule", Severity.WARNING,
                        "lint:ignore names unknown rule 'renaming-colum'"),
                tuple(lineOf(text, "SELECT 1"), "unknown-lint-rule", Severity.WARNING,
                        "lint:ignore names unknown rule 'made-up'"));
    }

    @Test
    void sorts_findings_by_file_then_line_whatever_the_input_order() throws Exception {
        Revision first = parse(dir, "a_first", text("", "ALTER TABLE orders DROP COLUMN x;", "SELECT 1;"));
        Revision second = parse(dir, "b_second", text(TIMEOUT, "DROP TABLE legacy;", null));

        List<LintFinding> findings = Linter.lint(List.of(second, first));

        assertThat(findings).extracting(finding -> finding.file().getFileName().toString(), LintFinding::line,
                LintFinding::rule).containsExactly(
                tuple("a_first.sql", 5, "dropping-column"),
                tuple("a_first.sql", 5, "missing-lock-timeout"),
                tuple("b_second.sql", 0, "missing-downgrade"),
                tuple("b_second.sql", 6, "dropping-table"));
    }

    @Test
    void lists_every_rule_with_a_stable_kebab_case_id_and_its_documentation() {
        List<LintRule> rules = Linter.rules();

        assertThat(rules).extracting(LintRule::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"))
                .containsExactlyInAnyOrder("require-concurrent-index-creation", "require-concurrent-index-deletion",
                        "concurrently-in-transaction", "adding-not-null-column-without-default",
                        "adding-volatile-default", "changing-column-type", "adding-foreign-key-without-not-valid",
                        "adding-check-constraint-without-not-valid", "setting-not-null", "renaming-column",
                        "renaming-table", "dropping-column", "dropping-table", "missing-downgrade",
                        "missing-if-exists", "missing-lock-timeout", "prefer-bigint-over-int", "prefer-timestamptz",
                        "prefer-text", "unknown-lint-rule");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.why()).isNotBlank();
            assertThat(rule.fix()).isNotBlank();
            assertThat(rule.severity()).isNotNull();
        });
    }

    @Test
    void gives_each_finding_the_severity_and_fix_of_its_rule() throws Exception {
        String text = text("", """
                ALTER TABLE orders ADD COLUMN status varchar(10) NOT NULL;
                DROP INDEX orders_status_idx;
                """, null);
        Set<LintRule> rules = Set.copyOf(Linter.rules());

        List<LintFinding> findings = lint(dir, text);

        assertThat(findings).hasSize(5).allSatisfy(finding -> assertThat(rules)
                .contains(new LintRule(finding.rule(), finding.severity(),
                        LintRules.BY_ID.get(finding.rule()).title(), LintRules.BY_ID.get(finding.rule()).why(),
                        finding.fix())));
        assertThat(findings.stream().map(LintFinding::rule).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "adding-not-null-column-without-default", "prefer-text", "missing-lock-timeout",
                "require-concurrent-index-deletion", "missing-downgrade");
    }
}
