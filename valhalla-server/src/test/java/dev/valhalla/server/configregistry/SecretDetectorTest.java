package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretDetectorTest {

    private final SecretDetector detector = new SecretDetector();

    @Test
    void names_that_hold_secrets_are_recognised() {
        for (String key : List.of("password", "db.password", "admin_passwd", "smtp.passphrase", "client_secret", "secrets.x",
                "credentials", "stripe.api_key", "stripe.apikey", "auth.private_key", "s3.access_key", "github.token",
                "github.access_token", "auth.token_value", "db.pwd", "jwt.signing_key", "master-key")) {
            assertThat(detector.inName("svc", key)).as(key).isPresent();
        }
        assertThat(detector.inName("secrets", "anything")).isPresent();
    }

    @Test
    void ordinary_names_pass() {
        for (String key : List.of("retry.max_attempts", "ratelimit.token_bucket.size", "session.token_ttl", "max_tokens",
                "cache.key_prefix", "feature.keyboard", "timeout", "public.url", "keys.count")) {
            assertThat(detector.inName("svc", key)).as(key).isEmpty();
        }
    }

    @Test
    void secret_values_are_recognised_and_the_reason_never_quotes_them() {
        String aws = "AKIA" + "ABCDEFGHIJKLMNOP";
        for (String secret : List.of("-----BEGIN OPENSSH PRIVATE KEY-----", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
                "key " + aws + " here", "vh_Ab3dE5fG_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "https://user:pa55@host.example/path", "redis://:hunter2@cache:6379",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")) {
            assertThat(detector.inText(secret)).as(secret).isPresent().get().asString().doesNotContain(secret);
        }
    }

    @Test
    void ordinary_values_pass() {
        for (String value : List.of("hello", "https://example.com/a/b?c=d", "user@example.com", "550e8400-e29b-41d4-a716-446655440000",
                "Welcome to the payments service, version 2.4.1", "payments-retry-with-exponential-backoff",
                "com.example.payments.RetryPolicy", "/var/lib/valhalla/data/exports", "EUR,USD,GBP,JPY,CHF,SEK,NOK,DKK")) {
            assertThat(detector.inText(value)).as(value).isEmpty();
        }
    }

    @Test
    void strings_and_field_names_inside_json_are_checked() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(detector.inValue(mapper.readTree("{\"a\": [1, {\"b\": \"postgres://u:p4ss@db/x\"}]}"))).isPresent();
        assertThat(detector.inValue(mapper.readTree("{\"apiKey\": \"x\"}"))).isPresent();
        assertThat(detector.inValue(mapper.readTree("{\"tiers\": [1, 2], \"name\": \"gold\"}"))).isEmpty();
    }

    @Test
    void entropy_is_measured_in_bits_per_character() {
        assertThat(SecretDetector.entropy("aaaa")).isZero();
        assertThat(SecretDetector.entropy("abcd")).isEqualTo(2.0);
    }
}
