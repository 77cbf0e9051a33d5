package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.SqlStatement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.valhalla.migrate.lint.SqlText.NAME;
import static dev.valhalla.migrate.lint.SqlText.objectName;

/** Rules on the actions of one {@code ALTER TABLE} statement (upgrade section). */
final class AlterTableCheck {

    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^alter table (?:if exists )?(?:only )?(" + NAME + ")(?: \\*)? (.+)$");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^add (?:constraint (" + NAME + ") )?(foreign key|check|primary key|unique|exclude)\\b");
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^add (?:column )?+(if not exists )?(?!constraint )(" + NAME + ") (.+)$");
    private static final Pattern ALTER_TYPE = Pattern.compile(
            "^alter (?:column )?+(" + NAME + ") (?:set data )?type\\b");
    private static final Pattern SET_NOT_NULL = Pattern.compile(
            "^alter (?:column )?+(" + NAME + ") set not null\\b");
    private static final Pattern RENAME_TABLE = Pattern.compile("^rename to (" + NAME + ")$");
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "^rename (?:column )?+(?!constraint )(" + NAME + ") to (" + NAME + ")$");
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("^drop constraint (if exists )?");
    private static final Pattern DROP_COLUMN = Pattern.compile("^drop (?:column )?+(if exists )?(" + NAME + ")");
    private static final Pattern NOT_VALID = Pattern.compile("\\bnot valid\\b");
    private static final Pattern NOT_NULL = Pattern.compile("\\b(?:not null|primary key)\\b");
    private static final Pattern DEFAULT = Pattern.compile("\\bdefault\\b");
    private static final Pattern REWRITING_VALUE = Pattern.compile(
            "\\bdefault\\b.*?\\b(random|gen_random_uuid|gen_random_bytes|uuid_generate_v1|uuid_generate_v1mc"
                    + "|uuid_generate_v4|uuidv4|uuidv7|clock_timestamp|timeofday|nextval) \\("
                    + "|\\b(generated (?:always|by default) as identity)\\b|\\b(generated always as) \\(");

    private AlterTableCheck() {
    }

    /** Checks the statement if it is an ALTER TABLE; returns whether it was one. */
    static boolean check(RevisionLint lint, SqlStatement statement, String sql) {
        Matcher alter = ALTER_TABLE.matcher(sql);
        if (!alter.find()) {
            return false;
        }
        Target target = new Target(lint, statement, objectName(alter.group(1)));
        if (target.existing()) {
            lint.strongLock(statement);
        }
        for (String action : SqlText.splitTopLevel(alter.group(2), ',')) {
            checkAction(target, action);
        }
        return true;
    }

    private record Target(RevisionLint lint, SqlStatement statement, String table) {
        boolean existing() {
            return !lint.isNew(table);
        }

        void report(LintRule rule, String message) {
            lint.report(rule, statement, message);
        }
    }

    private static void checkAction(Target target, String action) {
        Matcher matcher;
        if ((matcher = ADD_CONSTRAINT.matcher(action)).find()) {
            addConstraint(target, action, matcher);
        } else if ((matcher = ADD_COLUMN.matcher(action)).find()) {
            addColumn(target, objectName(matcher.group(2)), matcher.group(3), matcher.group(1) != null);
        } else if ((matcher = ALTER_TYPE.matcher(action)).find()) {
            onExisting(target, LintRules.CHANGING_COLUMN_TYPE, "ALTER COLUMN " + column(target, matcher)
                    + " TYPE rewrites existing table " + target.table() + " under an ACCESS EXCLUSIVE lock");
        } else if ((matcher = SET_NOT_NULL.matcher(action)).find()) {
            onExisting(target, LintRules.SETTING_NOT_NULL, "ALTER COLUMN " + column(target, matcher)
                    + " SET NOT NULL scans existing table " + target.table() + " under an ACCESS EXCLUSIVE lock");
        } else if ((matcher = RENAME_TABLE.matcher(action)).find()) {
            onExisting(target, LintRules.RENAMING_TABLE, "RENAME of table " + target.table() + " to "
                    + objectName(matcher.group(1)) + " breaks running code that uses the old name");
        } else if ((matcher = RENAME_COLUMN.matcher(action)).find()) {
            onExisting(target, LintRules.RENAMING_COLUMN, "RENAME COLUMN " + column(target, matcher) + " to "
                    + objectName(matcher.group(2)) + " breaks running code that uses the old name");
        } else if ((matcher = DROP_CONSTRAINT.matcher(action)).find()) {
            requireIfExists(target, matcher.group(1) != null, "DROP CONSTRAINT without IF EXISTS");
        } else if ((matcher = DROP_COLUMN.matcher(action)).find()) {
            onExisting(target, LintRules.DROPPING_COLUMN, "DROP COLUMN " + target.table() + "."
                    + objectName(matcher.group(2)) + " deletes its data and breaks running code that uses it");
            requireIfExists(target, matcher.group(1) != null, "DROP COLUMN without IF EXISTS");
        }
    }

    private static String column(Target target, Matcher matcher) {
        return target.table() + "." + objectName(matcher.group(1));
    }

    private static void onExisting(Target target, LintRule rule, String message) {
        if (target.existing()) {
            target.report(rule, message);
        }
    }

    private static void requireIfExists(Target target, boolean present, String problem) {
        if (!present && !target.lint().transactional()) {
            target.report(LintRules.MISSING_IF_EXISTS, problem + " on " + target.table()
                    + " fails when a retry of this non-transactional revision runs it again");
        }
    }

    private static void addConstraint(Target target, String action, Matcher matcher) {
        if (!target.existing() || NOT_VALID.matcher(action).find()) {
            return;
        }
        String name = matcher.group(1) == null ? "" : " " + objectName(matcher.group(1));
        String kind = matcher.group(2);
        if (kind.equals("foreign key")) {
            target.report(LintRules.ADDING_FOREIGN_KEY_WITHOUT_NOT_VALID, "ADD CONSTRAINT" + name
                    + " FOREIGN KEY without NOT VALID validates every row of existing table " + target.table()
                    + " while blocking writes to it and to the referenced table");
        } else if (kind.equals("check")) {
            target.report(LintRules.ADDING_CHECK_CONSTRAINT_WITHOUT_NOT_VALID, "ADD CONSTRAINT" + name
                    + " CHECK without NOT VALID scans existing table " + target.table()
                    + " under an ACCESS EXCLUSIVE lock");
        }
    }

    private static void addColumn(Target target, String column, String definition, boolean ifNotExists) {
        String qualified = target.table() + "." + column;
        ColumnTypes.check(target.lint(), target.statement(), qualified, definition);
        requireIfExists(target, ifNotExists, "ADD COLUMN without IF NOT EXISTS");
        if (!target.existing()) {
            return;
        }
        Matcher rewriting = REWRITING_VALUE.matcher(definition);
        boolean serial = ColumnTypes.isSerial(definition);
        if (rewriting.find() || serial) {
            String cause = serial ? "a serial type (nextval())"
                    : rewriting.group(1) != null ? rewriting.group(1) + "()"
                    : rewriting.group(2) != null ? rewriting.group(2) : "a stored generated value";
            target.report(LintRules.ADDING_VOLATILE_DEFAULT, "ADD COLUMN " + qualified + " with " + cause
                    + " rewrites existing table " + target.table() + " under an ACCESS EXCLUSIVE lock");
        } else if (NOT_NULL.matcher(definition).find() && !DEFAULT.matcher(definition).find()) {
            target.report(LintRules.ADDING_NOT_NULL_COLUMN_WITHOUT_DEFAULT, "ADD COLUMN " + qualified
                    + " NOT NULL without DEFAULT fails as soon as existing table " + target.table() + " has a row");
        }
    }
}
