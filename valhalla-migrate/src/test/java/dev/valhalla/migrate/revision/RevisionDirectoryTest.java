package dev.valhalla.migrate.revision;

import dev.valhalla.migrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RevisionDirectoryTest {

    private static Path fixture(String name) throws Exception {
        return Path.of(Objects.requireNonNull(RevisionDirectoryTest.class.getResource("/revision/directory/" + name)).toURI());
    }

    @Test
    void loads_every_file_and_collects_every_error() throws Exception {
        Path dir = fixture("mixed");

        RevisionDirectory.LoadResult result = RevisionDirectory.load(dir);

        assertThat(result.revisions()).extracting(Revision::id).containsExactly("001_base", "002_users", "005_nested");
        assertThat(result.revisions()).extracting(Revision::file).containsExactly(
                dir.resolve("001_base.sql"), dir.resolve("002_users.sql"), dir.resolve("nested/005_nested.sql"));
        assertThat(result.errors()).extracting(RevisionFormatException::file, RevisionFormatException::line).containsExactly(
                tuple(dir.resolve("003_bad_header.sql"), 2),
                tuple(dir.resolve("004_unterminated.sql"), 5),
                tuple(dir.resolve("nested/deeper/006_blank.sql"), 0));
        assertThat(result.errors()).extracting(RevisionFormatException::problem).containsExactly(
                "unknown header key 'author' (known keys: id, parents, message, transactional, lock_timeout, "
                        + "statement_timeout, lint:ignore)",
                "unterminated dollar-quoted string $body$ starting at line 5",
                "empty revision file");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void loads_an_empty_directory_as_nothing(@TempDir Path dir) {
        RevisionDirectory.LoadResult result = RevisionDirectory.load(dir);

        assertThat(result.revisions()).isEmpty();
        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void sorts_files_by_name_before_sub_folders(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a_folder"));
        Files.writeString(dir.resolve("a_folder/0_first_by_name.sql"), "-- id: in_folder\n-- upgrade\n");
        Files.writeString(dir.resolve("b.sql"), "-- id: b\n-- upgrade\n");
        Files.writeString(dir.resolve("a.sql"), "-- id: a\n-- upgrade\n");
        Files.writeString(dir.resolve("c.SQL.bak"), "not loaded");

        assertThat(RevisionDirectory.load(dir).revisions()).extracting(Revision::id).containsExactly("a", "b", "in_folder");
    }

    @Test
    void leaves_duplicate_ids_to_the_graph_check(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("one.sql"), "-- id: same\n-- upgrade\nSELECT 1;\n");
        Files.writeString(dir.resolve("two.sql"), "-- id: same\n-- upgrade\nSELECT 2;\n");

        RevisionDirectory.LoadResult result = RevisionDirectory.load(dir);

        assertThat(result.revisions()).extracting(Revision::id).containsExactly("same", "same");
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void rejects_a_missing_directory_naming_it(@TempDir Path dir) {
        Path missing = dir.resolve("no_such_folder");

        assertThatThrownBy(() -> RevisionDirectory.load(missing))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
                    assertThat(e).hasMessageContaining(missing.toAbsolutePath().toString()).hasMessageContaining("does not exist");
                });
    }

    @Test
    void rejects_a_file_given_as_the_directory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.sql"), "-- id: a\n-- upgrade\n");

        assertThatThrownBy(() -> RevisionDirectory.load(file))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(MigrateException.EXIT_BAD_INPUT);
                    assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining("is not a directory");
                });
    }
}
