package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.SqlStatement;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.valhalla.migrate.lint.SqlText.NAME;
import static dev.valhalla.migrate.lint.SqlText.objectName;

/** Rules on single statements other than ALTER TABLE. */
final class StatementCheck {

    private static final String TABLE_KIND = "(?:(?:global |local )?(?:temporary |temp )|unlogged )?";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create " + TABLE_KIND + "table (if not exists )?(" + NAME + ")");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create (?:unique )?index (concurrently )?(if not exists )?(?:(?!on )" + NAME + " )?on (?:only )?("
                    + NAME + ")");
    private static final Pattern DROP_INDEX = Pattern.compile("^drop index (concurrently )?");
    private static final Pattern DROP_TABLE = Pattern.compile(
            "^drop table (?:if exists )?(" + NAME + "(?: , " + NAME + ")*)");
    private static final Pattern CONCURRENT = Pattern.compile(
            "^(create (?:unique )?index concurrently|drop index concurrently)\\b|^(reindex)\\b.*\\bconcurrently\\b"
                    + "|^alter table\\b.*\\b(detach partition) " + NAME + " concurrently\\b");
    private static final Pattern CREATE_IDEMPOTENT_KIND = Pattern.compile(
            "^create (" + TABLE_KIND + "table|(?:unique )?index|schema|sequence|extension|materialized view)"
                    + " (?!(?:concurrently )?if not exists\\b)");
    private static final Pattern DROP_ANY = Pattern.compile(
            "^drop ((?:materialized )?(?!owned\\b)\\w+) (?!(?:concurrently )?if exists\\b)");
    private static final Pattern OTHER_STRONG_LOCK = Pattern.compile(
            "^(?:truncate|lock|cluster|vacuum full|create (?:or replace )?(?:constraint )?trigger|drop trigger"
                    + "|refresh materialized view (?!concurrently)|reindex (?!.*\\bconcurrently\\b))\\b");

    private StatementCheck() {
    }

    /** Rules that decide whether the statement can run at all; they apply to both sections. */
    static void checkRunnable(RevisionLint lint, SqlStatement statement, String sql) {
        Matcher concurrent = CONCURRENT.matcher(sql);
        if (lint.transactional() && concurrent.find()) {
            String what = concurrent.group(1) != null ? concurrent.group(1)
                    : concurrent.group(2) != null ? "reindex ... concurrently" : concurrent.group(3) + " concurrently";
            lint.report(LintRules.CONCURRENTLY_IN_TRANSACTION, statement, upper(what)
                    + " cannot run inside the transaction of a revision with transactional: yes");
        }
        if (!lint.transactional()) {
            Matcher create = CREATE_IDEMPOTENT_KIND.matcher(sql);
            Matcher drop = DROP_ANY.matcher(sql);
            String problem = create.find() ? "CREATE " + upper(create.group(1)) + " without IF NOT EXISTS"
                    : drop.find() ? "DROP " + upper(drop.group(1)) + " without IF EXISTS" : null;
            if (problem != null) {
                lint.report(LintRules.MISSING_IF_EXISTS, statement,
                        problem + " fails when a retry of this non-transactional revision runs it again");
            }
        }
    }

    /** Rules about locks, rewrites and schema choices; they apply to the upgrade section. */
    static void checkSafety(RevisionLint lint, SqlStatement statement, String sql) {
        if (createTable(lint, statement, sql) || createIndex(lint, statement, sql)
                || AlterTableCheck.check(lint, statement, sql)) {
            return;
        }
        Matcher dropIndex = DROP_INDEX.matcher(sql);
        if (dropIndex.find()) {
            if (dropIndex.group(1) == null) {
                lint.strongLock(statement);
                lint.report(LintRules.REQUIRE_CONCURRENT_INDEX_DELETION, statement,
                        "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table");
            }
            return;
        }
        Matcher dropTable = DROP_TABLE.matcher(sql);
        if (dropTable.find()) {
            dropTables(lint, statement, dropTable.group(1));
        } else if (OTHER_STRONG_LOCK.matcher(sql).find()) {
            lint.strongLock(statement);
        }
    }

    private static String upper(String keywords) {
        return keywords.toUpperCase(Locale.ROOT);
    }

    private static boolean createTable(RevisionLint lint, SqlStatement statement, String sql) {
        Matcher create = CREATE_TABLE.matcher(sql);
        if (!create.find()) {
            return false;
        }
        String table = objectName(create.group(2));
        lint.created(table);
        String rest = sql.substring(create.end()).trim();
        if (rest.startsWith("(")) {
            for (String element : SqlText.splitTopLevel(SqlText.parenthesized(rest, 0), ',')) {
                int space = element.indexOf(' ');
                String first = space < 0 ? element : element.substring(0, space);
                if (space > 0 && !first.matches("constraint|primary|unique|check|foreign|exclude|like")) {
                    ColumnTypes.check(lint, statement, table + "." + objectName(first), element.substring(space + 1));
                }
            }
        }
        return true;
    }

    private static boolean createIndex(RevisionLint lint, SqlStatement statement, String sql) {
        Matcher create = CREATE_INDEX.matcher(sql);
        if (!create.find()) {
            return false;
        }
        String table = objectName(create.group(3));
        if (create.group(1) == null && !lint.isNew(table)) {
            lint.strongLock(statement);
            lint.report(LintRules.REQUIRE_CONCURRENT_INDEX_CREATION, statement, "CREATE INDEX on existing table "
                    + table + " without CONCURRENTLY blocks writes to " + table + " while the index builds");
        }
        return true;
    }

    private static void dropTables(RevisionLint lint, SqlStatement statement, String names) {
        for (String name : names.split(" , ")) {
            String table = objectName(name.trim());
            if (!lint.isNew(table)) {
                lint.strongLock(statement);
                lint.report(LintRules.DROPPING_TABLE, statement, "DROP TABLE " + table
                        + " deletes its data and breaks running code that uses it");
            }
        }
    }
}
