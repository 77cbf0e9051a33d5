package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.valhalla.server.configregistry.ConfigCalls.create;
import static dev.valhalla.server.configregistry.ConfigCalls.value;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigInputTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final SecureRandom random = new SecureRandom();
    private TestDatabase db;
    private KeyTestServers.Started server;
    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = KeyTestServers.startServerApp(db, List.of());
        anonymous = new ApiClient(server.app().url());
        admin = anonymous.withKey(server.adminKey());
    }

    @AfterEach
    void noConnectionIsLeftHeld() {
        ConfigCalls.assertNoConnectionsHeld(server.app());
    }

    @AfterAll
    void stop() {
        server.app().close();
    }

    @Test
    void secret_looking_values_of_every_kind_are_refused_saying_why_without_echoing_them() {
        String jwtHeader = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String jwtPayload = base64Url("{\"sub\":\"1234567890\",\"name\":\"someone\"}");
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("-----BEGIN " + "RSA PRIVATE KEY-----\n" + randomText(64) + "\n-----END RSA PRIVATE KEY-----", "PEM block");
        secrets.put(jwtHeader + "." + jwtPayload + "." + randomText(43), "JSON Web Token");
        secrets.put("AKIA" + randomText(16).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "Q"), "AWS access key");
        secrets.put("vh_" + randomText(8) + "_" + randomText(43), "Valhalla API key");
        secrets.put("postgres://app:" + randomText(12) + "@db.internal:5432/app", "embedded password");
        secrets.put(randomText(40), "high-entropy");
        long versions = ConfigCalls.versions(db);
        long audited = ConfigCalls.audited(db);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            ApiClient.Response response = create(admin, "leaks/endpoint", "string", secret.getKey());
            JsonNode problem = response.problem(422, "VALIDATION_FAILED");
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("value");
            assertThat(problem.path("errors").get(0).path("message").asText()).as(secret.getValue()).contains(secret.getValue());
            assertThat(response.body()).as(secret.getValue()).doesNotContain(secret.getKey())
                    .doesNotContain(secret.getKey().substring(secret.getKey().length() - 12));
        }
        JsonNode nested = create(admin, "leaks/endpoint", "json", Map.of("upstream", Map.of("url", "https://u:" + randomText(10) + "@x.example")))
                .problem(422, "VALIDATION_FAILED");
        assertThat(nested.path("errors").get(0).path("message").asText()).contains("embedded password");
        JsonNode fieldName = create(admin, "leaks/endpoint", "json", Map.of("clientSecret", "abc")).problem(422, "VALIDATION_FAILED");
        assertThat(fieldName.path("errors").get(0).path("message").asText()).contains("field name");
        JsonNode inReason = admin.put("/system/config/leaks/endpoint", value("string", "fine", "rotated " + randomText(40)),
                "If-None-Match", "*").problem(422, "VALIDATION_FAILED");
        assertThat(inReason.path("errors").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(ConfigCalls.versions(db)).isEqualTo(versions);
        assertThat(ConfigCalls.audited(db)).isEqualTo(audited);
    }

    @Test
    void secret_looking_names_are_refused_and_ordinary_ones_accepted() {
        for (String name : List.of("db/password", "payments/stripe.api_key", "auth/private_key", "auth/jwt.secret",
                "github/token", "aws/credentials", "smtp/passwd", "signing/signing-key")) {
            JsonNode problem = create(admin, name, "string", "x").problem(422, "VALIDATION_FAILED");
            assertThat(problem.path("errors").get(0).path("field").asText()).as(name).isEqualTo("key");
            assertThat(problem.path("errors").get(0).path("message").asText()).as(name).contains("secret");
        }
        create(admin, "ratelimit/token_bucket.size", "int", 100).expect(201);
        create(admin, "web/public.url", "string", "https://example.com/path?q=1").expect(201);
        create(admin, "web/request.id", "string", "550e8400-e29b-41d4-a716-446655440000").expect(201);
        create(admin, "web/welcome", "string", "Welcome to the payments service, version 2.4.1").expect(201);
    }

    @Test
    void broken_json_wrong_types_unknown_fields_and_huge_bodies_are_4xx_and_nothing_is_written() {
        long versions = ConfigCalls.versions(db);
        String path = "/system/config/input/key";
        admin.put(path, "{\"type\": \"int\", \"value\": ", "If-None-Match", "*").problem(400, "MALFORMED_JSON");
        admin.put(path, "{\"type\": 5, \"value\": 5, \"reason\": \"r\"}", "If-None-Match", "*").problem(422, "VALIDATION_FAILED");
        JsonNode unknown = admin.put(path, "{\"type\": \"int\", \"value\": 5, \"reason\": \"r\", \"owner\": \"me\"}",
                "If-None-Match", "*").problem(422, "VALIDATION_FAILED");
        assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("owner");
        JsonNode empty = admin.put(path, "{}", "If-None-Match", "*").problem(422, "VALIDATION_FAILED");
        assertThat(empty.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("type", "value", "reason");
        admin.put(path, "{\"type\": \"string\", \"value\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"reason\": \"r\"}",
                "If-None-Match", "*").problem(413, "PAYLOAD_TOO_LARGE");
        JsonNode tooLong = create(admin, "input/key", "string", "y".repeat(70_000)).problem(422, "VALIDATION_FAILED");
        assertThat(tooLong.path("errors").get(0).path("message").asText()).contains("65536 bytes");
        create(admin, "input/key", "string", "nul\u0000inside").problem(422, "VALIDATION_FAILED");
        admin.send("PUT", path, "text/plain", "hello", "If-None-Match", "*").problem(415, "UNSUPPORTED_MEDIA_TYPE");
        JsonNode badName = create(admin, "Input/Key!", "string", "x").problem(422, "VALIDATION_FAILED");
        assertThat(badName.path("errors").findValuesAsText("field")).contains("namespace");
        admin.post("/system/config/input/key/rollback", "{\"version\": \"1\", \"reason\": \"r\"}", "If-Match", "\"1\"")
                .problem(422, "VALIDATION_FAILED");
        admin.post("/system/config/input/key/rollback", "{\"version\": 1.5, \"reason\": \"r\"}", "If-Match", "\"1\"")
                .problem(422, "VALIDATION_FAILED");
        admin.delete("/system/config/input/key", "If-Match", "\"1\"").problem(422, "VALIDATION_FAILED");
        admin.get("/system/config/input/key?history=-1").problem(422, "VALIDATION_FAILED");
        assertThat(ConfigCalls.versions(db)).isEqualTo(versions);
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM config_entry WHERE namespace = 'input'")).isZero();
    }

    @Test
    void calls_without_a_key_are_401_and_a_read_key_cannot_write() {
        String reader = ConfigCalls.issueKey(admin, "config-reader", "read");
        ApiClient service = anonymous.withKey(reader);
        create(admin, "scoped/flag", "bool", true).expect(201);

        anonymous.get("/api/config/scoped").problem(401, "API_KEY_MISSING");
        anonymous.get("/system/config").problem(401, "API_KEY_MISSING");
        anonymous.get("/system/config/scoped/flag").problem(401, "API_KEY_MISSING");
        create(anonymous, "scoped/other", "bool", true).problem(401, "API_KEY_MISSING");
        anonymous.delete("/system/config/scoped/flag?reason=x", "If-Match", "\"1\"").problem(401, "API_KEY_MISSING");
        anonymous.post("/system/config/scoped/flag/rollback", Map.of("version", 1, "reason", "x"), "If-Match", "\"1\"")
                .problem(401, "API_KEY_MISSING");

        service.get("/api/config/scoped").expect(200);
        service.get("/system/config").expect(200);
        service.get("/system/config/scoped/flag").expect(200);
        create(service, "scoped/other", "bool", true).problem(403, "FORBIDDEN");
        ConfigCalls.update(service, "scoped/flag", 1, "bool", false).problem(403, "FORBIDDEN");
        service.delete("/system/config/scoped/flag?reason=x", "If-Match", "\"1\"").problem(403, "FORBIDDEN");
        service.post("/system/config/scoped/flag/rollback", Map.of("version", 1, "reason", "x"), "If-Match", "\"1\"")
                .problem(403, "FORBIDDEN");
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM config_version WHERE namespace = 'scoped'")).isEqualTo(1);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
