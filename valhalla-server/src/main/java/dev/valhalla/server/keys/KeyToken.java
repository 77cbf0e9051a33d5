package dev.valhalla.server.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as handed to its holder: {@code vh_<key id>_<secret>}, e.g.
 * {@code vh_Ab3dE5fG_<43 base62 characters>}. The prefix makes leaked keys recognisable to secret
 * scanners; the key id (8 base62 characters, not secret) finds the stored row without scanning
 * hashes; the secret is 43 characters drawn uniformly from 62, i.e. 256 random bits.
 *
 * <p>Only {@link #hash()} is stored: SHA-256 of the whole key. A fast hash is the right choice here,
 * unlike for passwords: the secret is 256 bits from a CSPRNG, so no dictionary or brute-force search of
 * the preimage is feasible whatever the hash speed, and a slow KDF would only add CPU to every
 * authenticated request. {@link #toString()} never shows the secret.
 */
record KeyToken(String keyId, String secret) {

    static final String PREFIX = "vh_";
    static final int KEY_ID_LENGTH = 8;
    static final int SECRET_LENGTH = 43;
    static final Pattern KEY_ID = Pattern.compile("[0-9A-Za-z]{" + KEY_ID_LENGTH + "}");
    private static final Pattern FORMAT = Pattern.compile(
            "vh_([0-9A-Za-z]{" + KEY_ID_LENGTH + "})_([0-9A-Za-z]{" + SECRET_LENGTH + "})");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // cloned per use: MessageDigest.getInstance searches the security providers on every call
    private static final MessageDigest SHA_256 = newSha256();

    /** A new random key. */
    static KeyToken generate(SecureRandom random) {
        return new KeyToken(randomText(random, KEY_ID_LENGTH), randomText(random, SECRET_LENGTH));
    }

    /** Parses a presented key; empty when it does not have the key format. */
    static Optional<KeyToken> parse(String presented) {
        Matcher m = FORMAT.matcher(presented.trim());
        return m.matches() ? Optional.of(new KeyToken(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The key to hand out once: {@code vh_<key id>_<secret>}. */
    String value() {
        return PREFIX + keyId + "_" + secret;
    }

    /** The non-secret start of the key, shown in listings: {@code vh_<key id>_}. */
    static String displayPrefix(String keyId) {
        return PREFIX + keyId + "_";
    }

    /** SHA-256 of {@link #value()}: what is stored, compared with {@link MessageDigest#isEqual}. */
    byte[] hash() {
        return sha256().digest(value().getBytes(StandardCharsets.US_ASCII));
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return displayPrefix(keyId) + "***";
    }

    private static String randomText(SecureRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // nextInt(bound) is unbiased, so each character carries log2(62) bits
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
