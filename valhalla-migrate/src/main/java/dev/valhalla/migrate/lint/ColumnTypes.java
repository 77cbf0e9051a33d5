package dev.valhalla.migrate.lint;

import dev.valhalla.migrate.revision.SqlStatement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The column type rules, applied to a column definition of CREATE TABLE or ADD COLUMN. */
final class ColumnTypes {

    private static final Pattern SMALL_INTEGER = Pattern.compile(
            "^(?:pg_catalog\\.)?(int|integer|int4|int2|smallint|serial|serial4|smallserial|serial2)\\b");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(?:pg_catalog\\.)?timestamp\\b(?: \\( \\d+ \\))?( with time zone| without time zone)?");
    private static final Pattern LIMITED_VARCHAR = Pattern.compile(
            "^(?:pg_catalog\\.)?(varchar|character varying|national character varying|nchar varying) \\( \\d+ \\)");
    private static final Pattern FIXED_CHAR = Pattern.compile(
            "^(?:pg_catalog\\.)?(char|character|nchar|bpchar|national character)\\b(?! varying)(?: \\( \\d+ \\))?");
    private static final Pattern SERIAL = Pattern.compile("^(?:pg_catalog\\.)?(?:big|small)?serial[248]?\\b");

    private ColumnTypes() {
    }

    /**
     * Checks one column definition.
     *
     * @param column     {@code table.column}, for messages
     * @param definition normalized text after the column name, starting with the type
     */
    static void check(RevisionLint lint, SqlStatement statement, String column, String definition) {
        Matcher integer = SMALL_INTEGER.matcher(definition);
        if (integer.find()) {
            lint.report(LintRules.PREFER_BIGINT_OVER_INT, statement,
                    "column " + column + " is " + integer.group(1) + ", a key or counter that outgrows it needs a"
                            + " table rewrite to widen");
        }
        Matcher timestamp = TIMESTAMP.matcher(definition);
        if (timestamp.find() && !" with time zone".equals(timestamp.group(1))) {
            lint.report(LintRules.PREFER_TIMESTAMPTZ, statement,
                    "column " + column + " is timestamp without time zone, its values carry no offset");
        }
        Matcher limited = LIMITED_VARCHAR.matcher(definition);
        Matcher fixed = FIXED_CHAR.matcher(definition);
        Matcher character = limited.find() ? limited : fixed.find() ? fixed : null;
        if (character != null) {
            String type = character.group().replace(" ( ", "(").replace(" )", ")");
            lint.report(LintRules.PREFER_TEXT, statement,
                    "column " + column + " is " + type + ", changing the limit later can lock the table");
        }
    }

    /** Whether the type is a serial type, whose default is nextval() of a new sequence. */
    static boolean isSerial(String definition) {
        return SERIAL.matcher(definition).find();
    }
}
