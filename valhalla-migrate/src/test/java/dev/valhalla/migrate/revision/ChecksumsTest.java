package dev.valhalla.migrate.revision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTest {

    private static final String UPGRADE = "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE INDEX users_id ON users (id);\n";

    @Test
    void is_the_versioned_sha256_of_the_normalized_text() {
        // printf 'CREATE TABLE users (id bigint PRIMARY KEY);' | sha256sum
        assertThat(Checksums.of("CREATE TABLE users (id bigint PRIMARY KEY);\n\n"))
                .isEqualTo("v1:64c73450ee75758d71a0a7a60ba216502e1bb38b93dd61fbeae936978486c093");
    }

    @Test
    void ignores_line_endings_byte_order_mark_and_trailing_whitespace() {
        String lf = Checksums.of(UPGRADE);

        assertThat(Checksums.of(UPGRADE.replace("\n", "\r\n"))).isEqualTo(lf);
        assertThat(Checksums.of(UPGRADE.replace("\n", "\r"))).isEqualTo(lf);
        assertThat(Checksums.of("\uFEFF" + UPGRADE.replace("\n", "\r\n"))).isEqualTo(lf);
        assertThat(Checksums.of(UPGRADE + "\n\n  \t\n")).isEqualTo(lf);
    }

    @Test
    void changes_on_a_real_edit() {
        String original = Checksums.of(UPGRADE);

        assertThat(Checksums.of(UPGRADE.replace("bigint", "int"))).isNotEqualTo(original);
        assertThat(Checksums.of(UPGRADE.replace("users_id ON", "users_id  ON"))).isNotEqualTo(original);
        assertThat(Checksums.of("-- note\n" + UPGRADE)).isNotEqualTo(original);
    }

    @Test
    void of_a_parsed_revision_covers_only_the_upgrade_section_whatever_the_line_endings(@TempDir Path dir) throws Exception {
        String revision = "-- id: a\n\n-- upgrade\n" + UPGRADE + "\n-- downgrade\nDROP TABLE users;\n";
        Path lf = write(dir, "lf.sql", revision.getBytes(StandardCharsets.UTF_8));
        Path crlfWithBom = write(dir, "crlf.sql", ("\uFEFF" + revision.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        Path downgradeEdited = write(dir, "down.sql", revision.replace("DROP TABLE users", "DROP TABLE IF EXISTS users")
                .getBytes(StandardCharsets.UTF_8));
        Path upgradeEdited = write(dir, "up.sql", revision.replace("bigint", "int").getBytes(StandardCharsets.UTF_8));

        String checksum = RevisionParser.parse(lf).checksum();

        assertThat(checksum).isEqualTo(Checksums.of(UPGRADE));
        assertThat(RevisionParser.parse(crlfWithBom).checksum()).isEqualTo(checksum);
        assertThat(RevisionParser.parse(downgradeEdited).checksum()).isEqualTo(checksum);
        assertThat(RevisionParser.parse(upgradeEdited).checksum()).isNotEqualTo(checksum);
    }

    private static Path write(Path dir, String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
