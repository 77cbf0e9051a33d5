package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemLogSettingsTest {

    @Test
    void defaults_keep_info_and_above_with_a_queue_of_ten_thousand() {
        assertThat(SystemLogSettings.defaults()).isEqualTo(new SystemLogSettings(Level.INFO, 10_000, 500, Duration.ofMillis(250)));
        assertThat(SystemLogSettings.defaults().enabled()).isTrue();
    }

    @Test
    void values_map_and_off_disables() {
        SystemLogSettings settings = SystemLogSettings.from(setting -> switch (setting) {
            case SYSTEM_LOG_LEVEL -> "warn";
            case SYSTEM_LOG_QUEUE -> "42";
            default -> null;
        });
        assertThat(settings.level()).isEqualTo(Level.WARN);
        assertThat(settings.queueCapacity()).isEqualTo(42);
        assertThat(SystemLogSettings.from(setting -> setting.name().equals("SYSTEM_LOG_LEVEL") ? "OFF" : null).enabled()).isFalse();
    }

    @Test
    void invalid_values_name_every_variable() {
        assertThatThrownBy(() -> SystemLogSettings.from(setting -> switch (setting) {
            case SYSTEM_LOG_LEVEL -> "LOUD";
            case SYSTEM_LOG_QUEUE -> "0";
            default -> null;
        })).hasMessageContaining("VALHALLA_SYSTEM_LOG_LEVEL").hasMessageContaining("VALHALLA_SYSTEM_LOG_QUEUE");
    }

    @Test
    void fingerprints_ignore_numbers_ids_and_quoted_values() {
        assertThat(ErrorFingerprint.normalize("order 42 of 'alice' id 3f2a9c1e-1111-2222-3333-444455556666 hash deadbeef99"))
                .isEqualTo("order <n> of <value> id <uuid> hash <hex>");
    }
}
