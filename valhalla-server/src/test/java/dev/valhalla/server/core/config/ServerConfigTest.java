package dev.valhalla.server.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {

    @Test
    void defaults_are_safe_and_documented() {
        ServerConfig config = ServerConfig.from(Map.of());
        assertThat(config.http()).isEqualTo(new HttpSettings("127.0.0.1", 8080, 1024 * 1024, Duration.ofSeconds(10)));
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.database().readUrl()).isEmpty();
        assertThat(config.database().writePool()).isEqualTo(new PoolSettings(10, 2, Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(config.database().readyTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.monitor()).isEqualTo(new MonitorSettings(true, 1000, Duration.ofMillis(1000)));
        assertThat(config.adminBootstrap()).isTrue();
    }

    @Test
    void variables_map_to_settings_and_flags_win() {
        ServerConfig config = ServerConfig.from(Map.of(
                "VALHALLA_PORT", "9000",
                "VALHALLA_HOST", "0.0.0.0",
                "VALHALLA_DATABASE_URL", "jdbc:postgresql://db:5432/valhalla",
                "VALHALLA_DATABASE_USER", "app",
                "VALHALLA_DATABASE_PASSWORD", "s3cret",
                "VALHALLA_READ_DATABASE_URL", "jdbc:postgresql://replica:5432/valhalla",
                "VALHALLA_POOL_ACQUIRE_TIMEOUT", "500ms",
                "VALHALLA_MAX_BODY_SIZE", "64KiB",
                "VALHALLA_QUERY_MONITOR_WINDOW", "50",
                "VALHALLA_ADMIN_BOOTSTRAP", "false"), Map.of(Setting.PORT, "9100", Setting.SLOW_QUERY_THRESHOLD, "2s"));
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(config.database().url()).hasValue("jdbc:postgresql://db:5432/valhalla");
        assertThat(config.database().user()).hasValue("app");
        assertThat(config.database().password()).isEqualTo(Optional.of("s3cret"));
        assertThat(config.database().toString()).doesNotContain("s3cret");
        assertThat(config.database().readUrl()).hasValue("jdbc:postgresql://replica:5432/valhalla");
        assertThat(config.database().writePool().acquisitionTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.monitor().window()).isEqualTo(50);
        assertThat(config.monitor().slowQueryThreshold()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.adminBootstrap()).isFalse();
    }

    @Test
    void every_invalid_value_is_reported_with_its_variable() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of(
                "VALHALLA_PORT", "eighty",
                "VALHALLA_POOL_MAX_SIZE", "0",
                "VALHALLA_DRAIN_TIMEOUT", "soon",
                "VALHALLA_DATABASE_URL", "postgres://x")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anyMatch(p -> p.startsWith("VALHALLA_PORT:") && p.contains("eighty"))
                        .anyMatch(p -> p.startsWith("VALHALLA_POOL_MAX_SIZE:"))
                        .anyMatch(p -> p.startsWith("VALHALLA_DRAIN_TIMEOUT:"))
                        .anyMatch(p -> p.startsWith("VALHALLA_DATABASE_URL:")));
    }

    @Test
    void the_readme_table_lists_every_setting_with_its_flag_and_default() {
        String table = ServerConfig.markdownTable();
        for (Setting setting : Setting.values()) {
            assertThat(table).contains("`" + setting.variable() + "`", "`" + setting.flag() + "`");
        }
        assertThat(table).contains("| `VALHALLA_PORT` | `--port` | `8080` |");
        assertThat(ServerConfig.tableRows()).hasSize(Setting.values().length);
    }
}
