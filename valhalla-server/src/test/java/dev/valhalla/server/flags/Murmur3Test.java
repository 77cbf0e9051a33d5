package dev.valhalla.server.flags;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Murmur3Test {

    @Test
    void matches_the_published_murmur3_x86_32_vectors() {
        assertThat(hash("", 0)).isZero();
        assertThat(hash("", 1)).isEqualTo(0x514e28b7);
        assertThat(hash("hello", 0)).isEqualTo(0x248bfa47);
        assertThat(hash("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2e4ff723);
    }

    @Test
    void normalizes_into_a_bucket_from_1_to_the_modulus() {
        // the values the Unleash SDKs' own tests pin for normalizedValue(id, groupId)
        assertThat(Murmur3.normalizedValue("123", "gr1", 100, Murmur3.ROLLOUT_SEED)).isEqualTo(73);
        assertThat(Murmur3.normalizedValue("999", "groupX", 100, Murmur3.ROLLOUT_SEED)).isEqualTo(25);
        for (int i = 0; i < 1000; i++) {
            assertThat(Murmur3.normalizedValue("user-" + i, "g", 7, Murmur3.VARIANT_SEED)).isBetween(1, 7);
        }
    }

    @Test
    void hashes_text_as_utf8() {
        assertThat(Murmur3.normalizedValue("ø", "g", 1_000_000, 0))
                .isEqualTo((int) (Integer.toUnsignedLong(hash("g:ø", 0)) % 1_000_000) + 1)
                .isNotEqualTo((int) (Integer.toUnsignedLong(Murmur3.hash32("g:ø".getBytes(StandardCharsets.ISO_8859_1), 0))
                        % 1_000_000) + 1);
    }

    private static int hash(String text, int seed) {
        return Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), seed);
    }
}
