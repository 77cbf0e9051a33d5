package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses what looks like a secret, because the registry is readable by every service with a read key
 * and its history and audit trail are kept forever: secrets belong in a secret manager.
 *
 * <p>Keys: a word of the namespace or key (split at {@code . _ -}) that contains {@code password},
 * {@code passwd}, {@code passphrase}, {@code secret}, {@code credential}, {@code apikey},
 * {@code privatekey}, equals {@code pwd}, ends with {@code token} and is the last word (so
 * {@code auth.token} is refused, {@code ratelimit.token_bucket.size} is not), or {@code api}, {@code private},
 * {@code access}, {@code secret}, {@code signing}, {@code encryption} or {@code master} followed by the
 * word {@code key}. Values (every string, including strings and field names inside JSON): PEM blocks,
 * JSON Web Tokens, AWS access key ids, Valhalla API keys, URLs with a password, and long high-entropy
 * tokens (runs of at least {@value #MIN_TOKEN} letters, digits and {@code + / = _ -} holding a letter
 * and a digit whose Shannon entropy is at least {@value #ENTROPY_BITS} bits per character, or at least
 * {@value #HEX_ENTROPY_BITS} for hexadecimal runs of {@value #MIN_HEX_TOKEN} or more; UUIDs are
 * allowed). Reasons name the kind of secret, never the value. Stateless and thread-safe.
 */
final class SecretDetector {

    static final int MIN_TOKEN = 24;
    static final int MIN_HEX_TOKEN = 32;
    static final double ENTROPY_BITS = 4.0;
    static final double HEX_ENTROPY_BITS = 3.0;

    private static final List<String> SECRET_WORD_PARTS = List.of(
            "password", "passwd", "passphrase", "secret", "credential", "apikey", "privatekey");
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "private", "access", "secret", "signing",
            "encryption", "master");
    private static final Map<Pattern, String> VALUE_PATTERNS = Map.of(
            Pattern.compile("-----BEGIN [A-Z0-9 ]{1,64}-----"),
            "contains a PEM block (-----BEGIN …-----), such as a private key",
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
            "looks like a JSON Web Token",
            Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])"),
            "looks like an AWS access key id",
            Pattern.compile("vh_[0-9A-Za-z]{8}_[0-9A-Za-z]{20,}"),
            "looks like a Valhalla API key",
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:]*:[^\\s/?#@]+@"),
            "is a URL with an embedded password (user:password@host)");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{" + MIN_TOKEN + ",}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String ADVICE = "; keep secrets in a secret manager, not in configuration";

    /** Why the name {@code namespace/key} looks like it holds a secret; empty when it does not. */
    Optional<String> inName(String namespace, String key) {
        String[] words = (namespace + "." + key).split("[._/-]+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            boolean last = i == words.length - 1;
            // a token word is a secret when it names the value (auth.token), not when it qualifies
            // another word (ratelimit.token_bucket.size, session.token_ttl)
            boolean secret = SECRET_WORD_PARTS.stream().anyMatch(word::contains)
                    || (word.endsWith("token") && (last || words[i + 1].equals("value")))
                    || word.equals("pwd")
                    || (word.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words[i - 1]));
            if (secret) {
                return Optional.of("the name looks like it holds a secret (the word '"
                        + (word.equals("key") ? words[i - 1] + "_key" : word) + "')" + ADVICE);
            }
        }
        return Optional.empty();
    }

    /** Why some string in {@code value} (field names of objects included) looks like a secret. */
    Optional<String> inValue(JsonNode value) {
        if (value.isTextual()) {
            return inText(value.textValue());
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                Optional<String> found = inText(field.getKey())
                        .or(() -> inName("json", field.getKey().toLowerCase(java.util.Locale.ROOT))
                                .map(reason -> "a field name inside the JSON looks like it holds a secret" + ADVICE))
                        .or(() -> inValue(field.getValue()));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                Optional<String> found = inValue(element);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@code text} looks like a secret; empty when it does not. */
    Optional<String> inText(String text) {
        for (Map.Entry<Pattern, String> kind : VALUE_PATTERNS.entrySet()) {
            if (kind.getKey().matcher(text).find()) {
                return Optional.of("the value " + kind.getValue() + ADVICE);
            }
        }
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            if (highEntropy(token.group())) {
                return Optional.of("the value contains a long high-entropy string that looks like a key or token" + ADVICE);
            }
        }
        return Optional.empty();
    }

    private static boolean highEntropy(String token) {
        if (UUID.matcher(token).matches()) {
            return false;
        }
        boolean letter = token.chars().anyMatch(Character::isLetter);
        boolean digit = token.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            return false;
        }
        double bits = entropy(token);
        if (HEX.matcher(token).matches()) {
            return token.length() >= MIN_HEX_TOKEN && bits >= HEX_ENTROPY_BITS;
        }
        return bits >= ENTROPY_BITS;
    }

    /** Shannon entropy of the characters of {@code text}, in bits per character. */
    static double entropy(String text) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : text.toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double length = text.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                bits -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other > 0) {
            double p = other / length;
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }
}
