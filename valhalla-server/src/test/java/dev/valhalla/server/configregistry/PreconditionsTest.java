package dev.valhalla.server.configregistry;

import dev.valhalla.server.core.error.BadRequestException;
import dev.valhalla.server.core.error.ValhallaException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionsTest {

    private static Preconditions of(String ifMatch, String ifNoneMatch) {
        return new Preconditions(Preconditions.parse("If-Match", ifMatch), Preconditions.parse("If-None-Match", ifNoneMatch));
    }

    private static int status(Preconditions conditions, OptionalLong current) {
        try {
            conditions.check(current);
            return 200;
        } catch (ValhallaException e) {
            return e.errorCode().status();
        }
    }

    @Test
    void entity_tag_lists_are_parsed_and_malformed_ones_refused() {
        assertThat(Preconditions.parse("If-Match", "\"1\", W/\"2\" ,\"x\"").tags()).isEqualTo(List.of("\"1\"", "W/\"2\"", "\"x\""));
        assertThat(Preconditions.parse("If-Match", " * ").any()).isTrue();
        assertThatThrownBy(() -> Preconditions.parse("If-Match", "1")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Preconditions.parse("If-Match", "\"1\" junk")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void writes_need_a_matching_precondition() {
        OptionalLong three = OptionalLong.of(3);
        OptionalLong none = OptionalLong.empty();
        assertThat(status(of("\"3\"", null), three)).isEqualTo(200);
        assertThat(status(of("\"2\", \"3\"", null), three)).isEqualTo(200);
        assertThat(status(of("*", null), three)).isEqualTo(200);
        assertThat(status(of("\"2\"", null), three)).isEqualTo(412);
        assertThat(status(of("W/\"3\"", null), three)).isEqualTo(412);
        assertThat(status(of("\"3\"", null), none)).isEqualTo(412);
        assertThat(status(of(null, "*"), none)).isEqualTo(200);
        assertThat(status(of(null, "*"), three)).isEqualTo(412);
        assertThat(status(of(null, null), three)).isEqualTo(428);
        assertThat(status(of(null, null), none)).isEqualTo(428);
        assertThat(status(of(null, "\"3\""), three)).isEqualTo(428);
    }
}
