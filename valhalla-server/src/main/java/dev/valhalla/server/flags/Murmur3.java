package dev.valhalla.server.flags;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, 32-bit x86 variant, over UTF-8 bytes: the hash every Unleash SDK uses to place an
 * identifier in a rollout bucket, so the same user lands in the same bucket here and in the SDKs.
 */
final class Murmur3 {

    /** Seed of the rollout hash. */
    static final int ROLLOUT_SEED = 0;
    /** Seed of the variant hash (the Unleash client specification's {@code 86028157}). */
    static final int VARIANT_SEED = 86028157;

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    /**
     * {@code murmur3(groupId + ":" + identifier, seed) mod modulus + 1}, the hash taken as unsigned:
     * a bucket in {@code 1..modulus}.
     */
    static int normalizedValue(String identifier, String groupId, int modulus, int seed) {
        byte[] bytes = (groupId + ":" + identifier).getBytes(StandardCharsets.UTF_8);
        return (int) (Integer.toUnsignedLong(hash32(bytes, seed)) % modulus) + 1;
    }

    static int hash32(byte[] data, int seed) {
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int offset = i * 4;
            int k = (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8
                    | (data[offset + 2] & 0xff) << 16 | (data[offset + 3] & 0xff) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int remaining = data.length & 3;
        if (remaining > 0) {
            int k = 0;
            if (remaining == 3) {
                k ^= (data[tail + 2] & 0xff) << 16;
            }
            if (remaining >= 2) {
                k ^= (data[tail + 1] & 0xff) << 8;
            }
            k ^= data[tail] & 0xff;
            h ^= mixK(k);
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }
}
