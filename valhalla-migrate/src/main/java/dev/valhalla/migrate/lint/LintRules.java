package dev.valhalla.migrate.lint;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.valhalla.migrate.lint.Severity.ERROR;
import static dev.valhalla.migrate.lint.Severity.WARNING;

/** The catalog of lint rules; ids are stable because users name them in {@code lint:ignore}. */
final class LintRules {

    static final LintRule REQUIRE_CONCURRENT_INDEX_CREATION = new LintRule(
            "require-concurrent-index-creation", ERROR,
            "CREATE INDEX without CONCURRENTLY on an existing table",
            "A plain CREATE INDEX holds a SHARE lock on the table: every INSERT, UPDATE and DELETE waits until"
                    + " the whole index is built.",
            "CREATE INDEX CONCURRENTLY in a revision with transactional: no");
    static final LintRule REQUIRE_CONCURRENT_INDEX_DELETION = new LintRule(
            "require-concurrent-index-deletion", WARNING,
            "DROP INDEX without CONCURRENTLY",
            "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it queues behind running"
                    + " queries and every later query on the table queues behind it.",
            "DROP INDEX CONCURRENTLY IF EXISTS in a revision with transactional: no");
    static final LintRule CONCURRENTLY_IN_TRANSACTION = new LintRule(
            "concurrently-in-transaction", ERROR,
            "CONCURRENTLY in a revision with transactional: yes",
            "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY inside a transaction"
                    + " block (SQLSTATE 25001): the revision cannot run.",
            "Set transactional: no in the header and keep the revision to the concurrent statements");
    static final LintRule ADDING_NOT_NULL_COLUMN_WITHOUT_DEFAULT = new LintRule(
            "adding-not-null-column-without-default", ERROR,
            "ADD COLUMN ... NOT NULL without DEFAULT on an existing table",
            "Existing rows would hold NULL, so the statement fails as soon as the table has a row.",
            "ADD COLUMN ... NOT NULL DEFAULT <constant>, or add it nullable, backfill, then set NOT NULL");
    static final LintRule ADDING_VOLATILE_DEFAULT = new LintRule(
            "adding-volatile-default", ERROR,
            "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval, serial,"
                    + " identity)",
            "A volatile default is evaluated per row, so PostgreSQL rewrites the whole table under an ACCESS"
                    + " EXCLUSIVE lock (constant and stable defaults such as now() are free since PostgreSQL 11).",
            "Add the column without default, set the default in a second statement, backfill existing rows in"
                    + " batches");
    static final LintRule CHANGING_COLUMN_TYPE = new LintRule(
            "changing-column-type", ERROR,
            "ALTER COLUMN ... TYPE",
            "Most type changes rewrite the table and all its indexes under an ACCESS EXCLUSIVE lock, and running"
                    + " code may not expect the new type.",
            "Add a new column, backfill it in batches, switch the code over, then drop the old column");
    static final LintRule ADDING_FOREIGN_KEY_WITHOUT_NOT_VALID = new LintRule(
            "adding-foreign-key-without-not-valid", ERROR,
            "ADD CONSTRAINT ... FOREIGN KEY without NOT VALID on an existing table",
            "Validating every row holds SHARE ROW EXCLUSIVE locks on both tables, blocking their writes for the"
                    + " whole scan.",
            "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then VALIDATE CONSTRAINT in a later statement");
    static final LintRule ADDING_CHECK_CONSTRAINT_WITHOUT_NOT_VALID = new LintRule(
            "adding-check-constraint-without-not-valid", ERROR,
            "ADD CONSTRAINT ... CHECK without NOT VALID on an existing table",
            "The table is scanned to validate every row while an ACCESS EXCLUSIVE lock blocks reads and writes.",
            "ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in a later statement");
    static final LintRule SETTING_NOT_NULL = new LintRule(
            "setting-not-null", ERROR,
            "ALTER COLUMN ... SET NOT NULL on an existing table",
            "PostgreSQL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock.",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT c, then SET NOT NULL"
                    + " (PostgreSQL 12+ uses the valid CHECK and skips the scan)");
    static final LintRule RENAMING_COLUMN = new LintRule(
            "renaming-column", WARNING,
            "RENAME COLUMN",
            "Application instances still running the previous release query the old name and fail until they"
                    + " are all replaced.",
            "Add the new column, write both, backfill, move reads, then drop the old column in a later release");
    static final LintRule RENAMING_TABLE = new LintRule(
            "renaming-table", WARNING,
            "ALTER TABLE ... RENAME TO",
            "Running code that still uses the old table name fails until every instance is replaced.",
            "Create the new table (or a view with the old name), migrate code to it, drop the old name later");
    static final LintRule DROPPING_COLUMN = new LintRule(
            "dropping-column", WARNING,
            "DROP COLUMN",
            "The data is gone for good, and running code that still reads or writes the column fails.",
            "Stop using the column in code first, release, then drop it in a later revision");
    static final LintRule DROPPING_TABLE = new LintRule(
            "dropping-table", WARNING,
            "DROP TABLE on a table not created in the same revision",
            "The data is gone for good, and running code that still uses the table fails.",
            "Stop using the table in code first, release, then drop it (keep a backup) in a later revision");
    static final LintRule MISSING_DOWNGRADE = new LintRule(
            "missing-downgrade", WARNING,
            "No downgrade section, or an empty one",
            "The revision cannot be rolled back with downgrade, and the test command cannot check it round-trips.",
            "Write a downgrade section that undoes the upgrade");
    static final LintRule MISSING_IF_EXISTS = new LintRule(
            "missing-if-exists", WARNING,
            "CREATE without IF NOT EXISTS or DROP without IF EXISTS in a revision with transactional: no",
            "A non-transactional revision resumes statement by statement after a failure; a statement that"
                    + " already ran fails again on the retry.",
            "CREATE ... IF NOT EXISTS, DROP ... IF EXISTS, ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS");
    static final LintRule MISSING_LOCK_TIMEOUT = new LintRule(
            "missing-lock-timeout", WARNING,
            "Strong locks on existing tables without a lock_timeout header",
            "A statement waiting for its lock behind a long query blocks every later query on the table:"
                    + " the wait turns into an outage.",
            "Add a header such as -- lock_timeout: 5s and retry the deployment if it times out");
    static final LintRule PREFER_BIGINT_OVER_INT = new LintRule(
            "prefer-bigint-over-int", WARNING,
            "int, integer, int4, smallint, int2, serial or smallserial column",
            "32-bit (and 16-bit) keys and counters run out; widening the column later rewrites the table.",
            "bigint, bigserial or bigint GENERATED ALWAYS AS IDENTITY");
    static final LintRule PREFER_TIMESTAMPTZ = new LintRule(
            "prefer-timestamptz", WARNING,
            "timestamp without time zone column",
            "Values carry no offset, so they shift silently when the session or server time zone differs.",
            "timestamptz (timestamp with time zone)");
    static final LintRule PREFER_TEXT = new LintRule(
            "prefer-text", WARNING,
            "varchar(n), char or char(n) column",
            "Raising the limit later may take an ACCESS EXCLUSIVE lock; char(n) pads with spaces.",
            "text with a CHECK (char_length(col) <= n) constraint");
    static final LintRule UNKNOWN_LINT_RULE = new LintRule(
            "unknown-lint-rule", WARNING,
            "lint:ignore names a rule that does not exist",
            "A misspelt ignore suppresses nothing, so the finding it meant to silence still shows, or a rule"
                    + " renamed later would be ignored by accident.",
            "Name a rule id listed by the lint documentation");

    static final List<LintRule> ALL = List.of(
            REQUIRE_CONCURRENT_INDEX_CREATION, REQUIRE_CONCURRENT_INDEX_DELETION, CONCURRENTLY_IN_TRANSACTION,
            ADDING_NOT_NULL_COLUMN_WITHOUT_DEFAULT, ADDING_VOLATILE_DEFAULT, CHANGING_COLUMN_TYPE,
            ADDING_FOREIGN_KEY_WITHOUT_NOT_VALID, ADDING_CHECK_CONSTRAINT_WITHOUT_NOT_VALID, SETTING_NOT_NULL,
            RENAMING_COLUMN, RENAMING_TABLE, DROPPING_COLUMN, DROPPING_TABLE, MISSING_DOWNGRADE, MISSING_IF_EXISTS,
            MISSING_LOCK_TIMEOUT, PREFER_BIGINT_OVER_INT, PREFER_TIMESTAMPTZ, PREFER_TEXT, UNKNOWN_LINT_RULE);

    static final Map<String, LintRule> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(LintRule::id, Function.identity()));

    private LintRules() {
    }
}
