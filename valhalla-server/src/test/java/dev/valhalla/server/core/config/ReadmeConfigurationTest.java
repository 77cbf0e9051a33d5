package dev.valhalla.server.core.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table is the one the code generates: docs cannot drift from settings. */
class ReadmeConfigurationTest {

    @Test
    void readme_lists_every_setting_exactly_as_the_code_defines_it() throws Exception {
        // surefire runs in the module folder; the README is at the repository root
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        assertThat(text)
                .as("README.md configuration table; regenerate it from ServerConfig.markdownTable()")
                .contains(ServerConfig.markdownTable());
        for (Setting setting : Setting.values()) {
            assertThat(text).contains("`" + setting.variable() + "`");
        }
    }
}
