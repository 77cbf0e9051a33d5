package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitSettingsTest {

    @Test
    void buckets_are_local_by_default() {
        RateLimitSettings settings = RateLimitSettings.from(ServerConfig.from(Map.of()));

        assertThat(settings.mode()).isEqualTo(RateLimitSettings.Mode.LOCAL);
        assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings).isEqualTo(RateLimitSettings.defaults());
    }

    @Test
    void the_mode_variable_selects_cluster_buckets_in_any_case() {
        assertThat(RateLimitSettings.from(ServerConfig.from(Map.of("VALHALLA_RATE_LIMIT_MODE", "cluster"))).mode())
                .isEqualTo(RateLimitSettings.Mode.CLUSTER);
        assertThat(RateLimitSettings.parse(" Cluster ").mode()).isEqualTo(RateLimitSettings.Mode.CLUSTER);
        assertThat(RateLimitSettings.parse("local").mode()).isEqualTo(RateLimitSettings.Mode.LOCAL);
    }

    @Test
    void an_unknown_mode_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> RateLimitSettings.parse("global"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VALHALLA_RATE_LIMIT_MODE")
                .hasMessageContaining("'global'");
    }
}
