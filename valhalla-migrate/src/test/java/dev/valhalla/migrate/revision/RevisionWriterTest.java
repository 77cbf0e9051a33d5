package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionWriterTest {

    private static final Clock OSLO_MORNING = Clock.fixed(Instant.parse("2026-11-22T08:09:10Z"), ZoneId.of("Europe/Oslo"));

    @Test
    void builds_ids_from_the_utc_time_and_a_slug_of_the_message() {
        assertThat(RevisionWriter.newId(OSLO_MORNING, "Create users")).isEqualTo("20261122080910_create_users");
        assertThat(RevisionWriter.newId(OSLO_MORNING, null)).isEqualTo("20261122080910_revision");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Create users|create_users",
            "  Add  e-mail/phone!! |add_e_mail_phone",
            "Crème brûlée à la carte|creme_brulee_a_la_carte",
            "v2.0 API|v2_0_api",
            "___x___|x",
            "!!!|revision",
            "''|revision",
            "日本語|revision",
            "add the account owner column and the billing address index|add_the_account_owner_column_and_the_bil",
            "abcdefghij abcdefghij abcdefghij abcdefghi xyz|abcdefghij_abcdefghij_abcdefghij_abcdefg",
            "abcdefghij abcdefghij abcdefghij abcdef ghi|abcdefghij_abcdefghij_abcdefghij_abcdef",
    })
    void slugs_messages_to_lowercase_ascii(String message, String slug) {
        assertThat(RevisionWriter.slug(message)).isEqualTo(slug).hasSizeLessThanOrEqualTo(40).doesNotEndWith("_");
        assertThat(RevisionWriter.newId(OSLO_MORNING, message)).isEqualTo("20261122080910_" + slug);
    }

    @Test
    void writes_a_base_revision_that_parses_back(@TempDir Path dir) {
        Path file = RevisionWriter.write(dir.resolve("revisions/nested"), "20261122080910_create_users", List.of(), "Create users");

        assertThat(file).isEqualTo(dir.resolve("revisions/nested/20261122080910_create_users.sql"));
        Revision revision = RevisionParser.parse(file);
        assertThat(revision.id()).isEqualTo("20261122080910_create_users");
        assertThat(revision.parents()).isEmpty();
        assertThat(revision.message()).isEqualTo("Create users");
        assertThat(revision.transactional()).isTrue();
        assertThat(revision.upgrade()).isEmpty();
        assertThat(revision.downgrade()).isEmpty();
        assertThat(revision.hasDowngrade()).isTrue();
        assertThat(revision.checksum()).isEqualTo(Checksums.of(""));
    }

    @Test
    void writes_a_merge_revision_with_its_parents_in_order(@TempDir Path dir) throws Exception {
        Path file = RevisionWriter.write(dir, "m1", List.of("b_head", "a_head"), "merge heads\nsecond line");

        Revision revision = RevisionParser.parse(file);
        assertThat(revision.parents()).containsExactly("b_head", "a_head");
        assertThat(revision.isMerge()).isTrue();
        assertThat(revision.message()).isEqualTo("merge heads second line");
        assertThat(Files.readString(file)).contains("-- transactional: yes\n", "\n-- upgrade\n", "\n-- downgrade\n");
    }

    @Test
    void refuses_to_overwrite_an_existing_file(@TempDir Path dir) throws Exception {
        Path file = RevisionWriter.write(dir, "r1", List.of(), "first");
        Files.writeString(file, "-- edited\n", StandardOpenOption.APPEND);
        String before = Files.readString(file);

        assertThatThrownBy(() -> RevisionWriter.write(dir, "r1", List.of(), "second"))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
                    assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining("already exists");
                });
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void refuses_malformed_ids(@TempDir Path dir) {
        assertThatThrownBy(() -> RevisionWriter.write(dir, "bad id", List.of(), "x"))
                .isInstanceOfSatisfying(MigrateException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT));
        assertThatThrownBy(() -> RevisionWriter.write(dir, "good", List.of("../escape"), "x"))
                .isInstanceOf(MigrateException.class).hasMessageContaining("../escape");
        assertThat(dir).isEmptyDirectory();
    }
}
