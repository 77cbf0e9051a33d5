package dev.valhalla.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.maintenance.MovableClock;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.valhalla.server.testing.ApiClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.valhalla.server.keys.KeyTestServers.get;
import static dev.valhalla.server.keys.KeyTestServers.json;
import static dev.valhalla.server.keys.KeyTestServers.post;
import static dev.valhalla.server.keys.KeyTestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyLifecycleTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private final MovableClock clock = new MovableClock(START);
    private final String admin = KeyTestServers.randomKey();
    private final AtomicInteger clients = new AtomicInteger();
    private TestDatabase db;
    private KeyTestServers.ClockedServer server;
    private String url;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = KeyTestServers.startWithClock(db, clock, admin);
        url = server.url();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String newClient() {
        String id = "client-" + clients.incrementAndGet();
        assertThat(post(url, "/system/api-clients", admin, "{\"id\": \"" + id + "\", \"description\": \"tests\"}").status())
                .isEqualTo(201);
        return id;
    }

    private JsonNode createKey(String clientId, String scopes, String extra) {
        ApiClient.Response created = post(url, "/system/api-keys", admin,
                "{\"clientId\": \"" + clientId + "\", \"name\": \"ci\", \"scopes\": " + scopes + extra + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    private int status(String path, String key) {
        return get(url, path, key).status();
    }

    @Test
    void a_created_key_is_shown_once_and_never_listed_or_stored() throws SQLException {
        String client = newClient();
        JsonNode created = createKey(client, "[\"read\"]", "");
        String key = created.path("key").asText();
        String id = created.path("apiKey").path("id").asText();

        assertThat(key).matches(KeyTestServers.KEY).startsWith("vh_" + id + "_");
        assertThat(created.path("apiKey").path("prefix").asText()).isEqualTo("vh_" + id + "_");
        String secret = key.substring(("vh_" + id + "_").length());
        assertThat(get(url, "/system/api-keys", admin).body()).contains(id).doesNotContain(secret);
        assertThat(get(url, "/system/api-keys/" + id, admin).body()).contains(id).doesNotContain(secret);
        assertThat(get(url, "/system/audit?targetId=" + id, admin).body()).contains(id).doesNotContain(secret);
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT k::text, encode(secret_hash, 'hex') FROM api_key k WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).doesNotContain(secret);
                assertThat(row.getString(2)).hasSize(64).isEqualTo(java.util.HexFormat.of().formatHex(
                        KeyToken.parse(key).orElseThrow().hash()));
            }
        }
    }

    @Test
    void a_key_authenticates_with_either_header_form() {
        String key = createKey(newClient(), "[\"admin\"]", "").path("key").asText();

        assertThat(send(url, "GET", "/system/api-clients", null, null, "Authorization", "Bearer " + key).status()).isEqualTo(200);
        assertThat(send(url, "GET", "/system/api-clients", null, null, "X-API-Key", key).status()).isEqualTo(200);
    }

    @Test
    void missing_malformed_and_wrong_keys_are_401_with_a_challenge_and_never_echoed() {
        String key = createKey(newClient(), "[\"admin\"]", "").path("key").asText();
        String wrongSecret = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");

        ApiClient.Response missing = get(url, "/system/api-keys", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(missing).path("code").asText()).isEqualTo("API_KEY_MISSING");
        for (String presented : new String[] {"not-a-key", wrongSecret, "vh_ZZZZZZZZ_" + key.substring(12)}) {
            ApiClient.Response refused = get(url, "/system/api-keys", presented);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
            assertThat(refused.body()).doesNotContain(presented).doesNotContain(key.substring(12));
        }
    }

    @Test
    void a_key_fails_once_its_expiry_passes() {
        JsonNode created = createKey(newClient(), "[\"admin\"]", ", \"expiresAt\": \"" + START.plus(Duration.ofDays(365)) + "\"");
        String key = created.path("key").asText();
        assertThat(status("/system/api-clients", key)).isEqualTo(200);

        clock.advance(Duration.ofDays(366));

        ApiClient.Response expired = get(url, "/system/api-clients", key);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(json(expired).path("code").asText()).isEqualTo("API_KEY_EXPIRED");
        assertThat(json(get(url, "/system/api-keys/" + created.path("apiKey").path("id").asText(), admin))
                .path("status").asText()).isEqualTo("expired");
    }

    @Test
    void a_revoked_key_fails_on_the_very_next_request() {
        JsonNode created = createKey(newClient(), "[\"admin\"]", "");
        String key = created.path("key").asText();
        String id = created.path("apiKey").path("id").asText();
        assertThat(status("/system/api-clients", key)).isEqualTo(200);

        ApiClient.Response revoked = post(url, "/system/api-keys/" + id + "/revoke", admin, "{\"reason\": \"leaked in a log\"}");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(json(revoked).path("status").asText()).isEqualTo("revoked");
        ApiClient.Response refused = get(url, "/system/api-clients", key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(json(refused).path("code").asText()).isEqualTo("API_KEY_REVOKED");
    }

    @Test
    void a_revocation_reaches_another_instance_that_has_the_key_cached() {
        try (KeyTestServers.ClockedServer other = KeyTestServers.startWithClock(db, clock, admin)) {
            JsonNode created = createKey(newClient(), "[\"admin\"]", "");
            String key = created.path("key").asText();
            assertThat(get(other.url(), "/system/api-clients", key).status()).isEqualTo(200);

            post(url, "/system/api-keys/" + created.path("apiKey").path("id").asText() + "/revoke", admin, "{}");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 401) {
                status = get(other.url(), "/system/api-clients", key).status();
            }
            assertThat(status).isEqualTo(401);
        }
    }

    @Test
    void a_rotated_key_works_until_the_overlap_elapses_and_its_successor_works_after() {
        JsonNode created = createKey(newClient(), "[\"admin\"]", "");
        String old = created.path("key").asText();
        String oldId = created.path("apiKey").path("id").asText();

        ApiClient.Response rotated = post(url, "/system/api-keys/" + oldId + "/rotate", admin,
                "{\"overlap\": \"PT2H\", \"reason\": \"quarterly rotation\"}");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String successor = json(rotated).path("key").asText();
        assertThat(successor).matches(KeyTestServers.KEY).isNotEqualTo(old);
        assertThat(json(rotated).path("apiKey").path("rotatedFrom").asText()).isEqualTo(oldId);
        assertThat(json(rotated).path("apiKey").path("scopes").toString()).isEqualTo("[\"admin\"]");
        assertThat(status("/system/api-clients", old)).isEqualTo(200);
        assertThat(status("/system/api-clients", successor)).isEqualTo(200);

        clock.advance(Duration.ofMinutes(119));
        assertThat(status("/system/api-clients", old)).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));

        assertThat(status("/system/api-clients", old)).isEqualTo(401);
        assertThat(status("/system/api-clients", successor)).isEqualTo(200);
        assertThat(post(url, "/system/api-keys/" + oldId + "/rotate", admin, "{}").status()).isEqualTo(409);
    }

    @Test
    void last_used_time_is_recorded_at_most_once_a_minute() {
        JsonNode created = createKey(newClient(), "[\"read\"]", "");
        String key = created.path("key").asText();
        String id = created.path("apiKey").path("id").asText();
        assertThat(created.path("apiKey").path("lastUsedAt").isNull()).isTrue();

        get(url, "/system/audit", key);
        Instant first = clock.instant();
        assertThat(pollLastUsed(id, first)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(30));
        get(url, "/system/audit", key);
        clock.advance(Duration.ofSeconds(31));
        get(url, "/system/audit", key);
        Instant third = clock.instant();

        assertThat(pollLastUsed(id, third)).isEqualTo(third);
        assertThat(json(get(url, "/system/api-keys/" + id, admin)).path("lastUsedAt").asText()).isEqualTo(third.toString());
    }

    private Instant pollLastUsed(String id, Instant expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Instant seen = null;
        while (System.nanoTime() < deadline) {
            try (Connection connection = db.connect();
                 PreparedStatement select = connection.prepareStatement("SELECT last_used_at FROM api_key WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    OffsetDateTime value = row.getObject(1, OffsetDateTime.class);
                    seen = value == null ? null : value.toInstant();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (expected.equals(seen)) {
                return seen;
            }
            Thread.onSpinWait();
        }
        return seen;
    }

    @Test
    void the_last_active_admin_key_cannot_be_revoked() {
        String adminId = admin.substring(3, 11);
        String other = createKey(newClient(), "[\"admin\"]", "").path("apiKey").path("id").asText();
        assertThat(post(url, "/system/api-keys/" + other + "/revoke", admin, "{}").status()).isEqualTo(200);
        // other admin keys made by the other tests may exist; revoke every active admin key but the preset one
        for (JsonNode key : json(get(url, "/system/api-keys", admin)).path("keys")) {
            if (!key.path("id").asText().equals(adminId) && key.path("status").asText().equals("active")
                    && key.path("scopes").toString().contains("admin")) {
                post(url, "/system/api-keys/" + key.path("id").asText() + "/revoke", admin, "{}");
            }
        }

        ApiClient.Response refused = post(url, "/system/api-keys/" + adminId + "/revoke", admin, "{}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(json(refused).path("code").asText()).isEqualTo("LAST_ADMIN_KEY");
        assertThat(status("/system/api-keys", admin)).isEqualTo(200);
    }

    @Test
    void disabling_a_client_revokes_its_keys_at_once() {
        String client = newClient();
        String key = createKey(client, "[\"write\"]", "").path("key").asText();
        assertThat(status("/system/audit", key)).isEqualTo(403);

        ApiClient.Response disabled = post(url, "/system/api-clients/" + client + "/disable", admin, "{\"reason\": \"decommissioned\"}");

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(json(disabled).path("disabledAt").isTextual()).isTrue();
        assertThat(json(disabled).path("activeKeys").asLong()).isZero();
        assertThat(status("/system/audit", key)).isEqualTo(401);
        assertThat(post(url, "/system/api-keys", admin, "{\"clientId\": \"" + client + "\", \"scopes\": [\"read\"]}").status())
                .isEqualTo(409);
    }

    @Test
    void scopes_are_ordered_admin_grants_write_grants_read() {
        String read = createKey(newClient(), "[\"read\"]", "").path("key").asText();
        String admin2 = createKey(newClient(), "[\"admin\"]", "").path("key").asText();

        assertThat(status("/system/api-keys", read)).isEqualTo(403);
        assertThat(status("/system/api-keys", admin2)).isEqualTo(200);
    }
}
