package dev.valhalla.server.security;

import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.events.ChangeNotifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTest {

    @Test
    void trusts_no_proxy_and_refreshes_every_30_seconds_by_default() {
        ServerConfig config = ServerConfig.from(Map.of());
        assertThat(SecuritySettings.from(config).trustedProxies()).isEmpty();
        assertThat(ChangeNotifier.refreshInterval(config.value(dev.valhalla.server.core.config.Setting.CHANGE_REFRESH_INTERVAL)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void maps_the_variables_and_names_them_when_invalid() {
        ServerConfig config = ServerConfig.from(Map.of("VALHALLA_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8 ,192.0.2.1"));
        assertThat(SecuritySettings.from(config).trustedProxies()).extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "fd00::/8", "192.0.2.1/32");
        assertThatThrownBy(() -> SecuritySettings.parse("10.0.0.0/8,nope,300.1.1.1"))
                .hasMessageContaining("VALHALLA_TRUSTED_PROXIES").hasMessageContaining("'nope'").hasMessageContaining("'300.1.1.1'");
        assertThat(ChangeNotifier.refreshInterval("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ChangeNotifier.refreshInterval("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> ChangeNotifier.refreshInterval("0s")).hasMessageContaining("VALHALLA_CHANGE_REFRESH_INTERVAL");
        assertThatThrownBy(() -> ChangeNotifier.refreshInterval("soon")).hasMessageContaining("VALHALLA_CHANGE_REFRESH_INTERVAL");
    }
}
