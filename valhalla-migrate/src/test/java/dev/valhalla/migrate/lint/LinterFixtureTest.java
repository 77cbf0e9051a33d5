package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.RevisionDirectory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A realistic history of four revisions with the exact findings a reviewer would expect. */
class LinterFixtureTest {

    private static final Path REALISTIC = Path.of("src/test/resources/lint/realistic");

    @Test
    void reports_exactly_the_expected_findings_of_a_realistic_history() {
        RevisionDirectory.LoadResult loaded = RevisionDirectory.load(REALISTIC);
        assertThat(loaded.errors()).isEmpty();

        assertThat(Linter.lint(loaded.revisions()))
                .extracting(finding -> finding.file().getFileName().toString(), LintFinding::line,
                        LintFinding::rule, LintFinding::severity)
                .containsExactly(
                        tuple("20260101_0001_create_customers.sql", 12, "prefer-bigint-over-int", Severity.WARNING),
                        tuple("20260101_0001_create_customers.sql", 12, "prefer-text", Severity.WARNING),
                        tuple("20260101_0001_create_customers.sql", 12, "prefer-timestamptz", Severity.WARNING),
                        tuple("20260102_0001_order_totals.sql", 0, "missing-downgrade", Severity.WARNING),
                        tuple("20260102_0001_order_totals.sql", 6, "missing-lock-timeout", Severity.WARNING),
                        tuple("20260102_0001_order_totals.sql", 7, "adding-volatile-default", Severity.ERROR),
                        tuple("20260102_0001_order_totals.sql", 10, "adding-check-constraint-without-not-valid",
                                Severity.ERROR),
                        tuple("20260103_0001_index_orders.sql", 7, "missing-if-exists", Severity.WARNING),
                        tuple("20260104_0001_rename_status.sql", 0, "unknown-lint-rule", Severity.WARNING),
                        tuple("20260104_0001_rename_status.sql", 8, "renaming-column", Severity.WARNING),
                        tuple("20260104_0001_rename_status.sql", 9, "concurrently-in-transaction", Severity.ERROR),
                        tuple("20260104_0001_rename_status.sql", 12, "unknown-lint-rule", Severity.WARNING));
    }

    @Test
    void names_the_problem_and_the_fix_in_each_message() {
        var findings = Linter.lint(RevisionDirectory.load(REALISTIC).revisions());

        assertThat(findings).filteredOn(finding -> finding.rule().equals("adding-volatile-default"))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.revision()).isEqualTo("20260102_0001_order_totals");
                    assertThat(finding.message()).isEqualTo("ADD COLUMN orders.reference with gen_random_uuid()"
                            + " rewrites existing table orders under an ACCESS EXCLUSIVE lock");
                    assertThat(finding.fix()).isEqualTo(LintRules.ADDING_VOLATILE_DEFAULT.fix());
                });
        assertThat(findings).filteredOn(finding -> finding.rule().equals("concurrently-in-transaction"))
                .singleElement().satisfies(finding -> assertThat(finding.message()).isEqualTo(
                        "CREATE INDEX CONCURRENTLY cannot run inside the transaction of a revision with"
                                + " transactional: yes"));
    }
}
