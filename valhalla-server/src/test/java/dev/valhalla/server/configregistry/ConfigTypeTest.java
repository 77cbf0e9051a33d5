package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigTypeTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ConfigType.Checked check(ConfigType type, String json) throws Exception {
        JsonNode value = mapper.readTree(json);
        return type.check(value);
    }

    @Test
    void each_type_accepts_its_own_values() throws Exception {
        assertThat(check(ConfigType.STRING, "\"x\"").accepted()).isTrue();
        assertThat(check(ConfigType.INT, "-9223372036854775808").value().longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(check(ConfigType.BOOL, "false").value().booleanValue()).isFalse();
        assertThat(check(ConfigType.JSON, "[1, \"a\", {\"b\": null}]").accepted()).isTrue();
        assertThat(check(ConfigType.DURATION, "\"P2DT3H\"").value().textValue()).isEqualTo("PT51H");
        assertThat(check(ConfigType.DURATION, "\"2d\"").value().textValue()).isEqualTo("PT48H");
        assertThat(check(ConfigType.DURATION, "\"0s\"").value().textValue()).isEqualTo("PT0S");
    }

    @Test
    void each_type_refuses_values_of_other_types() throws Exception {
        assertThat(check(ConfigType.STRING, "1").accepted()).isFalse();
        assertThat(check(ConfigType.INT, "1.0").accepted()).isFalse();
        assertThat(check(ConfigType.INT, "\"1\"").accepted()).isFalse();
        assertThat(check(ConfigType.INT, "9223372036854775808").accepted()).isFalse();
        assertThat(check(ConfigType.BOOL, "\"false\"").accepted()).isFalse();
        assertThat(check(ConfigType.DURATION, "\"5 minutes\"").accepted()).isFalse();
        assertThat(check(ConfigType.DURATION, "\"5M\"").accepted()).isFalse();
        assertThat(check(ConfigType.DURATION, "\"PT-5S\"").problem()).contains("negative");
    }

    @Test
    void short_durations_add_up_their_parts() {
        assertThat(ConfigType.parseDuration("1h30m15s250ms")).contains(Duration.ofMillis(5_415_250));
        assertThat(ConfigType.parseDuration("")).isEmpty();
        assertThat(ConfigType.parseDuration("10")).isEmpty();
    }
}
