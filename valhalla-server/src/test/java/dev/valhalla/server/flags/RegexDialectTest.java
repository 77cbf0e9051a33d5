package dev.valhalla.server.flags;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RegexDialectTest {

    @Test
    void rejects_constructs_the_engines_dialect_does_not_have() {
        assertThat(RegexDialect.compile("^(?=a)b$", false)).isNull();
        assertThat(RegexDialect.compile("(?<!a)b", false)).isNull();
        assertThat(RegexDialect.compile("^(a)\\1$", false)).isNull();
        assertThat(RegexDialect.compile("(?>ab)", false)).isNull();
        assertThat(RegexDialect.compile("a++", false)).isNull();
        assertThat(RegexDialect.compile("(regex", false)).isNull();
        assertThat(RegexDialect.compile("[[:nope:]]", false)).isNull();
    }

    @Test
    void accepts_groups_flags_and_posix_classes() {
        assertThat(matches("^(?:ab)+$", "abab")).isTrue();
        assertThat(matches("^(?P<word>[[:alpha:]]+)$", "Alpha")).isTrue();
        assertThat(matches("^[[:^digit:]]+$", "abc")).isTrue();
        assertThat(matches("^[[:^digit:]]+$", "ab1")).isFalse();
        assertThat(matches("^[[:alpha:]]+$", "Ålesund")).as("POSIX classes are ASCII").isFalse();
        assertThat(matches("^\\w+$", "Ålesund")).as("\\w is Unicode").isTrue();
        assertThat(matches("a*?b", "aab")).isTrue();
    }

    @Test
    void dollar_matches_only_at_the_very_end_outside_multiline_mode() {
        assertThat(matches("^foo$", "foo\n")).isFalse();
        assertThat(matches("(?m)^foo$", "x\nfoo\ny")).isTrue();
        assertThat(matches("^a.b$", "a\nb")).isFalse();
        assertThat(matches("(?s)^a.b$", "a\nb")).isTrue();
    }

    @Test
    void a_catastrophic_pattern_stops_at_the_step_budget_and_counts_as_no_match() {
        Pattern pattern = RegexDialect.compile("^(a+)+$", false);
        assertThat(RegexDialect.find(pattern, "a".repeat(40) + "!")).isFalse();
        assertThat(RegexDialect.find(pattern, "a".repeat(40))).isTrue();
    }

    private static boolean matches(String regex, String value) {
        Pattern pattern = RegexDialect.compile(regex, false);
        assertThat(pattern).as(regex).isNotNull();
        return RegexDialect.find(pattern, value);
    }
}
