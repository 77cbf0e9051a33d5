package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RevisionParserTest {

    @TempDir
    Path dir;

    private Path write(String content) throws Exception {
        return write(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] content) throws Exception {
        return Files.write(dir.resolve("revision.sql"), content);
    }

    private static Path fixture(String path) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(RevisionParserTest.class.getResource("/revision/" + path)).toURI());
    }

    @Test
    void reads_every_header_key_and_both_sections() throws Exception {
        Path file = fixture("parse/complete/20261122_0002_create_users.sql");

        Revision revision = RevisionParser.parse(file);

        assertThat(revision.id()).isEqualTo("20261122_0002_create_users");
        assertThat(revision.parents()).containsExactly("20261121_0001_base", "20261121_0001_side");
        assertThat(revision.isMerge()).isTrue();
        assertThat(revision.message()).isEqualTo("create users");
        assertThat(revision.transactional()).isFalse();
        assertThat(revision.lockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(revision.statementTimeout()).contains(Duration.ofMinutes(2));
        assertThat(revision.lintIgnores()).containsExactlyInAnyOrder("PG010", "PG011");
        assertThat(revision.file()).isEqualTo(file);
        assertThat(revision.upgrade()).extracting(SqlStatement::line).containsExactly(11, 13);
        assertThat(revision.upgrade().get(0)).isEqualTo(new SqlStatement(
                "CREATE INDEX CONCURRENTLY users_email ON users (email)", 11, Set.of("PG001")));
        assertThat(revision.upgrade().get(1).sql()).startsWith("CREATE FUNCTION touch()")
                .contains("NEW.updated_at := now(); -- keep; it").endsWith("$body$ LANGUAGE plpgsql");
        assertThat(revision.hasDowngrade()).isTrue();
        assertThat(revision.downgrade()).extracting(SqlStatement::sql, SqlStatement::line).containsExactly(
                tuple("DROP FUNCTION touch()", 21),
                tuple("DROP INDEX CONCURRENTLY users_email", 22));
        List<String> lines = Files.readAllLines(file);
        assertThat(revision.checksum()).isEqualTo(Checksums.of(String.join("\n", lines.subList(9, 19))));
    }

    @Test
    void applies_defaults_when_only_the_id_is_given() throws Exception {
        Revision revision = RevisionParser.parse(write("-- id: only\n-- upgrade\nSELECT 1"));

        assertThat(revision.parents()).isEmpty();
        assertThat(revision.isBase()).isTrue();
        assertThat(revision.message()).isEmpty();
        assertThat(revision.transactional()).isTrue();
        assertThat(revision.lockTimeout()).isEmpty();
        assertThat(revision.statementTimeout()).isEmpty();
        assertThat(revision.lintIgnores()).isEmpty();
        assertThat(revision.upgrade()).containsExactly(new SqlStatement("SELECT 1", 3, Set.of()));
        assertThat(revision.hasDowngrade()).isFalse();
        assertThat(revision.downgrade()).isEmpty();
    }

    @Test
    void accepts_blank_lines_case_insensitive_markers_and_an_empty_downgrade() throws Exception {
        Revision revision = RevisionParser.parse(write(
                "\n-- id: r1\n\n--parents:\n-- Message :  spaced out  \n\n   -- UPGRADE  \nSELECT 1;\n\t-- Downgrade\n\n"));

        assertThat(revision.id()).isEqualTo("r1");
        assertThat(revision.parents()).isEmpty();
        assertThat(revision.message()).isEqualTo("spaced out");
        assertThat(revision.upgrade()).extracting(SqlStatement::line).containsExactly(8);
        assertThat(revision.hasDowngrade()).isTrue();
        assertThat(revision.downgrade()).isEmpty();
    }

    @Test
    void collects_revision_lint_ignores_in_both_header_forms() throws Exception {
        Revision revision = RevisionParser.parse(write(
                "-- id: r1\n-- lint:ignore PG001 PG002\n-- lint:ignore: PG003,PG004\n-- LINT:IGNORE PG005\n-- upgrade\n"));

        assertThat(revision.lintIgnores()).containsExactlyInAnyOrder("PG001", "PG002", "PG003", "PG004", "PG005");
    }

    @ParameterizedTest(name = "transactional: {0}")
    @CsvSource({"yes,true", "YES,true", "true,true", "no,false", "No,false", "false,false"})
    void reads_transactional_values(String value, boolean expected) throws Exception {
        Revision revision = RevisionParser.parse(write("-- id: r1\n-- transactional: " + value + "\n-- upgrade\n"));

        assertThat(revision.transactional()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms,500", "5s,5000", "2min,120000", "1h,3600000", "250,250", "10 S,10000", "0,0", "2147483647,2147483647"})
    void reads_timeouts(String value, long millis) throws Exception {
        Revision revision = RevisionParser.parse(write(
                "-- id: r1\n-- lock_timeout: " + value + "\n-- statement_timeout: " + value + "\n-- upgrade\n"));

        assertThat(revision.lockTimeout()).contains(Duration.ofMillis(millis));
        assertThat(revision.statementTimeout()).contains(Duration.ofMillis(millis));
    }

    @Test
    void tolerates_a_byte_order_mark_and_crlf_line_endings() throws Exception {
        String text = "-- id: r1\n-- message: windows\n\n-- upgrade\nSELECT 1;\n\nSELECT\n  2;\n-- downgrade\nSELECT 3;\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(body, 0, content, bom.length, body.length);

        Revision revision = RevisionParser.parse(write(content));

        assertThat(revision.id()).isEqualTo("r1");
        assertThat(revision.message()).isEqualTo("windows");
        assertThat(revision.upgrade()).extracting(SqlStatement::sql).containsExactly("SELECT 1", "SELECT\n  2");
        assertThat(revision.upgrade()).extracting(SqlStatement::line).containsExactly(5, 7);
        assertThat(revision.downgrade()).extracting(SqlStatement::line).containsExactly(10);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("-- id: a\n-- author: me\n-- upgrade\n", 2, "unknown header key 'author'"),
                arguments("-- id: a\n-- message: x\n-- message: y\n-- upgrade\n", 3,
                        "duplicate header key 'message' (first given at line 2)"),
                arguments("-- id: a\n-- ID: b\n-- upgrade\n", 2, "duplicate header key 'id'"),
                arguments("-- id: _a\n-- upgrade\n", 1, "malformed id '_a'"),
                arguments("-- id: a b\n-- upgrade\n", 1, "malformed id 'a b'"),
                arguments("-- id:\n-- upgrade\n", 1, "malformed id ''"),
                arguments("-- id: a\n-- transactional: maybe\n-- upgrade\n", 2, "malformed transactional 'maybe'"),
                arguments("-- id: a\n\n-- lock_timeout: 5 sec\n-- upgrade\n", 3, "malformed lock_timeout '5 sec'"),
                arguments("-- id: a\n-- statement_timeout: 1.5s\n-- upgrade\n", 2, "malformed statement_timeout '1.5s'"),
                arguments("-- id: a\n-- lock_timeout: -5s\n-- upgrade\n", 2, "malformed lock_timeout '-5s'"),
                arguments("-- id: a\n-- lock_timeout:\n-- upgrade\n", 2, "malformed lock_timeout ''"),
                arguments("-- id: a\n-- lock_timeout: 600h\n-- upgrade\n", 2, "lock_timeout '600h' exceeds PostgreSQL's maximum"),
                arguments("-- id: a\n-- statement_timeout: 99999999999999999999999\n-- upgrade\n", 2, "exceeds PostgreSQL's maximum"),
                arguments("-- id: a\n-- just a comment\n-- upgrade\n", 2, "header line is not of the form '-- key: value'"),
                arguments("-- id: a\nCREATE TABLE t ();\n-- upgrade\n", 2, "expected a header line '-- key: value' or the '-- upgrade' marker"),
                arguments("-- message: x\n-- upgrade\nSELECT 1;\n", 1, "header has no 'id'"),
                arguments("-- id: c\n-- parents: a, b, a\n-- upgrade\n", 2, "duplicate parent 'a'"),
                arguments("-- parents: b, a\n-- id: a\n-- upgrade\n", 1, "revision 'a' names itself as a parent"),
                arguments("-- id: c\n-- parents: a,,b\n-- upgrade\n", 2, "malformed parent id ''"),
                arguments("-- id: c\n-- parents: a; b\n-- upgrade\n", 2, "malformed parent id 'a; b'"),
                arguments("-- id: a\n-- lint:ignore\n-- upgrade\n", 2, "lint:ignore names no rule"),
                arguments("-- id: a\n-- message: x\n\n", 0, "missing '-- upgrade' marker"),
                arguments("-- id: a\n-- downgrade\n-- upgrade\n", 2, "'-- downgrade' marker before the '-- upgrade' marker"),
                arguments("-- id: a\n-- upgrade\nSELECT 1;\n-- upgrade\n", 4, "second '-- upgrade' marker (the first is at line 2)"),
                arguments("-- id: a\n-- upgrade\n-- downgrade\nSELECT 1;\n-- UPGRADE\n", 5, "second '-- upgrade' marker"),
                arguments("-- id: a\n-- upgrade\n-- downgrade\n\n-- downgrade\n", 5, "second '-- downgrade' marker (the first is at line 3)"),
                arguments("-- id: a\n-- upgrade\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\n", 3,
                        "unterminated dollar-quoted string $body$ starting at line 3"),
                arguments("-- id: a\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 1;\nSELECT 'oops;\n", 6,
                        "unterminated quoted string starting at line 6"),
                arguments("-- id: a\n-- upgrade\n/* never /* closed */\n", 3, "unterminated block comment starting at line 3"),
                arguments("", 0, "empty revision file"),
                arguments("  \n\n\t\n", 0, "empty revision file"),
                arguments("\uFEFF\n", 0, "empty revision file"));
    }

    @ParameterizedTest(name = "line {1}: {2}")
    @MethodSource("malformed")
    void rejects_malformed_files_with_the_exact_line(String content, int line, String problem) throws Exception {
        Path file = write(content);

        assertThatThrownBy(() -> RevisionParser.parse(file))
                .isInstanceOfSatisfying(RevisionFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e).hasMessageStartingWith(file + ":" + line + ": ");
                    assertThat(e.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
                });
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                arguments(bytes("-- id: a\n-- upgrade\nSELECT 'caf", 0xE9, "';\n"), 3, "byte 0xE9"),
                arguments(bytes("", 0xFF, "-- id: a\n"), 1, "byte 0xFF at offset 0"),
                arguments(bytes("-- id: a\n-- upgrade\n\n\nSELECT '", 0xE2, 0x82, "';\n"), 5, "byte 0xE2"),
                arguments(bytes("-- id: a\n-- upgrade\nSELECT 1;\n", 0xC3), 4, "byte 0xC3"),
                // An encoded surrogate (CESU-8) is not valid UTF-8 either.
                arguments(bytes("-- id: a\n", 0xED, 0xA0, 0x80, "\n"), 2, "byte 0xED"));
    }

    @ParameterizedTest(name = "line {1}: {2}")
    @MethodSource("invalidUtf8")
    void rejects_invalid_utf8_with_the_line_of_the_bad_byte(byte[] content, int line, String problem) throws Exception {
        Path file = write(content);

        assertThatThrownBy(() -> RevisionParser.parse(file))
                .isInstanceOfSatisfying(RevisionFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).startsWith("not valid UTF-8").contains(problem);
                });
    }

    @Test
    void reports_an_unreadable_file() {
        Path missing = dir.resolve("missing.sql");

        assertThatThrownBy(() -> RevisionParser.parse(missing))
                .isInstanceOfSatisfying(RevisionFormatException.class, e -> {
                    assertThat(e.line()).isZero();
                    assertThat(e.problem()).startsWith("cannot read file");
                });
    }

    /** Concatenates ASCII strings and single byte values. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
