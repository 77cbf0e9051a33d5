package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlSplitterTest {

    private static List<String> sqlOf(String text) {
        return SqlSplitter.split(text, 1).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void splits_on_semicolons_and_drops_them() {
        assertThat(sqlOf("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"))
                .containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
    }

    @Test
    void keeps_a_last_statement_without_semicolon() {
        assertThat(sqlOf("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void skips_empty_statements_and_a_comment_only_tail() {
        assertThat(sqlOf(";;\n  ;\nSELECT 1;;\n-- done\n/* the end; */\n")).containsExactly("SELECT 1");
    }

    @Test
    void ends_a_last_statement_without_semicolon_at_its_last_token() {
        assertThat(sqlOf("SELECT 1 /* inner */ + 1\n-- trailing; comment\n\n")).containsExactly("SELECT 1 /* inner */ + 1");
    }

    @Test
    void returns_nothing_for_blank_or_comment_only_text() {
        assertThat(sqlOf("")).isEmpty();
        assertThat(sqlOf("  \n\t\n")).isEmpty();
        assertThat(sqlOf("-- only a comment;\n/* and /* a nested */ one; */")).isEmpty();
    }

    @Test
    void trims_the_statement_and_keeps_inner_comments() {
        assertThat(sqlOf("\n   SELECT 1 /* keep */ -- keep too\n  ;"))
                .containsExactly("SELECT 1 /* keep */ -- keep too");
    }

    static Stream<Arguments> semicolonsThatDoNotSplit() {
        return Stream.of(
                arguments("line comment", "SELECT 1 -- a;b\n;SELECT 2", List.of("SELECT 1 -- a;b", "SELECT 2")),
                arguments("block comment", "SELECT /* ; */ 1; SELECT 2", List.of("SELECT /* ; */ 1", "SELECT 2")),
                arguments("nested block comment",
                        "SELECT /* outer /* inner ; */ still; comment */ 1; SELECT 2",
                        List.of("SELECT /* outer /* inner ; */ still; comment */ 1", "SELECT 2")),
                arguments("string with doubled quote", "SELECT 'it''s; fine'; SELECT 2",
                        List.of("SELECT 'it''s; fine'", "SELECT 2")),
                arguments("E string with backslash quote", "SELECT E'it\\'s; fine'; SELECT 2",
                        List.of("SELECT E'it\\'s; fine'", "SELECT 2")),
                arguments("E string that is only an escaped quote", "SELECT E'\\''; SELECT ';'",
                        List.of("SELECT E'\\''", "SELECT ';'")),
                arguments("lowercase e string", "SELECT e'a\\';b'; SELECT 2", List.of("SELECT e'a\\';b'", "SELECT 2")),
                arguments("E string ending in an escaped backslash", "SELECT E'\\\\'; SELECT 2",
                        List.of("SELECT E'\\\\'", "SELECT 2")),
                arguments("plain string keeps backslash literal", "SELECT 'C:\\'; SELECT 2",
                        List.of("SELECT 'C:\\'", "SELECT 2")),
                arguments("typed literal ending in e is not an E string", "SELECT date'x\\'; SELECT 2",
                        List.of("SELECT date'x\\'", "SELECT 2")),
                arguments("Unicode escape string", "SELECT U&'d\\0061t;'; SELECT 2",
                        List.of("SELECT U&'d\\0061t;'", "SELECT 2")),
                arguments("quoted identifier with doubled quote", "CREATE TABLE \"we\"\"ird;name\" (id int); SELECT 2",
                        List.of("CREATE TABLE \"we\"\"ird;name\" (id int)", "SELECT 2")),
                arguments("identifier holding comment markers", "SELECT 1 AS \"a--b;/*\"; SELECT 2",
                        List.of("SELECT 1 AS \"a--b;/*\"", "SELECT 2")),
                arguments("strings holding comment markers", "SELECT '-- not a comment;' ; SELECT '/* nor this;'",
                        List.of("SELECT '-- not a comment;'", "SELECT '/* nor this;'")),
                arguments("quote inside comments", "SELECT 1; -- don't\n/* it's $$ */ SELECT 2; SELECT 3",
                        List.of("SELECT 1", "SELECT 2", "SELECT 3")),
                arguments("empty dollar quote", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2",
                        List.of("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2")),
                arguments("tagged dollar quote", "DO $body$ BEGIN PERFORM 1; END; $body$; SELECT 2",
                        List.of("DO $body$ BEGIN PERFORM 1; END; $body$", "SELECT 2")),
                arguments("dollar quotes nested with other tags", "DO $outer$ EXECUTE $inner$ SELECT 1; $inner$; $outer$; SELECT 2",
                        List.of("DO $outer$ EXECUTE $inner$ SELECT 1; $inner$; $outer$", "SELECT 2")),
                arguments("longer tag does not close a shorter one", "SELECT $a$ x $ab$ ; $a$; SELECT 2",
                        List.of("SELECT $a$ x $ab$ ; $a$", "SELECT 2")),
                arguments("dollar quote inside a string is not a quote", "SELECT '$$'; SELECT '$$'",
                        List.of("SELECT '$$'", "SELECT '$$'")),
                arguments("quote inside a dollar quote is not a string", "SELECT $$it's$$; SELECT 2",
                        List.of("SELECT $$it's$$", "SELECT 2")),
                arguments("positional parameters are not dollar quotes", "PREPARE p(int, int) AS SELECT $1 + $2; SELECT $$x;$$",
                        List.of("PREPARE p(int, int) AS SELECT $1 + $2", "SELECT $$x;$$")),
                arguments("dollar inside an identifier is not a quote", "SELECT a$b$ FROM t; SELECT 2",
                        List.of("SELECT a$b$ FROM t", "SELECT 2")),
                arguments("semicolon inside parentheses", "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); "
                                + "INSERT INTO b VALUES (2)); SELECT 2",
                        List.of("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                                "SELECT 2")),
                arguments("BEGIN ATOMIC body", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END", "SELECT 3")),
                arguments("BEGIN ATOMIC body with CASE END inside",
                        "create or replace procedure p() language sql begin atomic "
                                + "select case when true then 1 else 2 end; insert into t values (1); end; SELECT 3",
                        List.of("create or replace procedure p() language sql begin atomic "
                                + "select case when true then 1 else 2 end; insert into t values (1); end", "SELECT 3")),
                arguments("transaction BEGIN is not a body", "BEGIN; SELECT 1; END;", List.of("BEGIN", "SELECT 1", "END")),
                arguments("CASE END outside a routine body", "SELECT CASE WHEN x THEN 1 END; SELECT 2",
                        List.of("SELECT CASE WHEN x THEN 1 END", "SELECT 2")),
                arguments("plpgsql body with strings, comments and nested dollar quotes", """
                        CREATE FUNCTION audit() RETURNS trigger AS $fn$
                        BEGIN
                          -- a comment with a quote ' and $$ and ;
                          EXECUTE 'INSERT INTO log VALUES (''x;y'')';
                          PERFORM $q$;$q$;
                          RETURN NEW;
                        END;
                        $fn$ LANGUAGE plpgsql;
                        SELECT 'done;'""",
                        List.of("""
                                CREATE FUNCTION audit() RETURNS trigger AS $fn$
                                BEGIN
                                  -- a comment with a quote ' and $$ and ;
                                  EXECUTE 'INSERT INTO log VALUES (''x;y'')';
                                  PERFORM $q$;$q$;
                                  RETURN NEW;
                                END;
                                $fn$ LANGUAGE plpgsql""", "SELECT 'done;'")),
                arguments("sql function body with a string holding a semicolon",
                        "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'a;b'::text; $$ LANGUAGE sql; SELECT 2",
                        List.of("CREATE FUNCTION f() RETURNS text AS $$ SELECT 'a;b'::text; $$ LANGUAGE sql", "SELECT 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semicolonsThatDoNotSplit")
    void splits_only_on_top_level_semicolons(String name, String text, List<String> expected) {
        assertThat(sqlOf(text)).containsExactlyElementsOf(expected);
    }

    @Test
    void reports_the_line_of_the_first_token_of_each_statement() {
        String text = """
                -- lead comment
                /* block
                   comment */

                CREATE TABLE a (
                  id int
                );
                   SELECT 1; SELECT 2;
                SELECT $$
                ;
                $$, 'two
                lines', E'three\\
                lines';
                /* one; */ SELECT 3;
                """;
        List<SqlStatement> statements = SqlSplitter.split(text, 10);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(14, 17, 17, 18, 23);
        assertThat(statements.get(4).sql()).isEqualTo("SELECT 3");
    }

    @Test
    void collects_lint_ignores_since_the_previous_statement() {
        String text = """
                -- lint:ignore PG001,PG002
                CREATE INDEX i ON t (a);
                -- lint:ignore PG003 PG004
                --lint:ignore: PG005
                ALTER TABLE t ADD COLUMN b int; -- lint:ignore PG006
                SELECT 1 -- LINT:IGNORE PG007 , PG008
                ;
                SELECT 2;
                /* lint:ignore PG009 */ SELECT 3;
                -- lint:ignored PG010
                SELECT 4;
                """;
        List<SqlStatement> statements = SqlSplitter.split(text, 1);

        assertThat(statements).extracting(SqlStatement::lintIgnores).containsExactly(
                Set.of("PG001", "PG002"),
                Set.of("PG003", "PG004", "PG005"),
                Set.of("PG006", "PG007", "PG008"),
                Set.of(),
                Set.of(),
                Set.of());
    }

    @Test
    void keeps_lint_ignores_across_an_empty_statement() {
        List<SqlStatement> statements = SqlSplitter.split("SELECT 1;\n-- lint:ignore PG001\n;\nSELECT 2;", 1);

        assertThat(statements).extracting(SqlStatement::lintIgnores)
                .containsExactly(Set.of(), Set.of("PG001"));
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                arguments("SELECT 1;\n\nSELECT 'abc;\n\n", 1, "unterminated quoted string starting at line 3", 3),
                arguments("SELECT E'abc\\';", 1, "unterminated quoted string starting at line 1", 1),
                arguments("SELECT 1;\nSELECT \"abc;", 5, "unterminated quoted identifier starting at line 6", 6),
                arguments("SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\n$bod$ LANGUAGE sql;", 11,
                        "unterminated dollar-quoted string $body$ starting at line 12", 12),
                arguments("\n\nDO $$ BEGIN NULL; END; $ $;", 1, "unterminated dollar-quoted string $$ starting at line 3", 3),
                arguments("SELECT 1;\n/* a /* b */\nstill open;", 1, "unterminated block comment starting at line 2", 2));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unterminated")
    void rejects_unterminated_quotes_and_comments_with_their_start_line(String text, int firstLine, String message, int line) {
        assertThatThrownBy(() -> SqlSplitter.split(text, firstLine))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e).hasMessage(message);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
                });
    }
}
