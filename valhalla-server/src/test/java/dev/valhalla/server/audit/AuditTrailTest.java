package dev.valhalla.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.valhalla.server.testing.ApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.valhalla.server.keys.KeyTestServers.count;
import static dev.valhalla.server.keys.KeyTestServers.execute;
import static dev.valhalla.server.keys.KeyTestServers.get;
import static dev.valhalla.server.keys.KeyTestServers.json;
import static dev.valhalla.server.keys.KeyTestServers.post;
import static dev.valhalla.server.keys.KeyTestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {

    private TestDatabase db;
    private KeyTestServers.Started started;
    private String url;
    private String admin;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        execute(db, "CREATE TABLE IF NOT EXISTS audit_probe (id bigserial PRIMARY KEY, note text NOT NULL)");
        started = KeyTestServers.startServerApp(db, List.of(new AuditProbeFeature()));
        url = started.app().url();
        admin = started.adminKey();
        // the probe's write route is service-facing: the kill switch (engaged on a fresh database) guards it
        assertThat(post(url, "/system/governance/kill-switch", admin, "{\"engaged\": false, \"reason\": \"test\"}")
                .status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        started.app().close();
    }

    private JsonNode verify() {
        ApiClient.Response response = get(url, "/system/audit/verify", admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode entries(String query) {
        ApiClient.Response response = get(url, "/system/audit" + query, admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response).path("entries");
    }

    @Test
    void every_key_change_is_audited_with_actor_before_after_and_correlation_id() {
        String adminId = admin.substring(3, 11);
        ApiClient.Response client = send(url, "POST", "/system/api-clients", "application/json",
                "{\"id\": \"audited\", \"description\": \"billing\"}", "Authorization", "Bearer " + admin, "X-Request-ID", "req-audit-1");
        assertThat(client.status()).isEqualTo(201);
        String keyId = json(post(url, "/system/api-keys", admin, "{\"clientId\": \"audited\", \"scopes\": [\"read\"]}"))
                .path("apiKey").path("id").asText();
        String successor = json(post(url, "/system/api-keys/" + keyId + "/rotate", admin, "{\"overlap\": \"PT0S\"}"))
                .path("apiKey").path("id").asText();
        post(url, "/system/api-keys/" + successor + "/revoke", admin, "{\"reason\": \"test revoke\"}");
        post(url, "/system/api-clients/audited/disable", admin, "{\"reason\": \"gone\"}");

        JsonNode created = entries("?action=api_client.create&targetId=audited").get(0);
        assertThat(created.path("actor").asText()).isEqualTo("admin/" + adminId);
        assertThat(created.path("correlationId").asText()).isEqualTo("req-audit-1");
        assertThat(created.path("before").isNull()).isTrue();
        assertThat(created.path("after").path("description").asText()).isEqualTo("billing");

        JsonNode rotation = entries("?action=api_key.rotate&targetType=api_key&targetId=" + keyId).get(0);
        assertThat(rotation.path("before").path("status").asText()).isEqualTo("active");
        assertThat(rotation.path("after").path("successor").asText()).isEqualTo(successor);
        assertThat(rotation.path("after").path("key").path("status").asText()).isEqualTo("expired");

        JsonNode revoke = entries("?action=api_key.revoke&targetId=" + successor).get(0);
        assertThat(revoke.path("before").path("revokedAt").isNull()).isTrue();
        assertThat(revoke.path("after").path("status").asText()).isEqualTo("revoked");
        assertThat(revoke.path("reason").asText()).isEqualTo("test revoke");

        JsonNode disable = entries("?action=api_client.disable&targetId=audited").get(0);
        assertThat(disable.path("before").path("disabledAt").isNull()).isTrue();
        assertThat(disable.path("after").path("disabledAt").isTextual()).isTrue();
        assertThat(entries("?targetId=" + keyId).size()).isEqualTo(2);
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void a_change_failing_after_its_audit_entry_leaves_neither() {
        long entries = count(db, "SELECT count(*) FROM audit_entry");

        ApiClient.Response failed = send(url, "POST", "/test/audit/fail-after-audit", null, null);

        assertThat(failed.status()).isEqualTo(409);
        assertThat(count(db, "SELECT count(*) FROM audit_probe")).isZero();
        assertThat(count(db, "SELECT count(*) FROM audit_entry WHERE action = 'probe.fail'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM audit_entry")).isEqualTo(entries);
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void revoking_the_last_admin_key_is_refused_and_leaves_no_audit_entry() {
        String adminId = admin.substring(3, 11);

        ApiClient.Response refused = post(url, "/system/api-keys/" + adminId + "/revoke", admin, "{}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(entries("?action=api_key.revoke&targetId=" + adminId).size()).isZero();
        assertThat(get(url, "/system/api-keys", admin).status()).isEqualTo(200);
    }

    @Test
    void concurrent_changes_keep_one_gapless_chain() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String body = "{\"id\": \"parallel-" + i + "\"}";
                results.add(pool.submit(() -> post(url, "/system/api-clients", admin, body).status()));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(201);
            }
        }

        JsonNode verification = verify();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(count(db, "SELECT max(id) - count(*) FROM audit_entry")).isZero();
        assertThat(verification.path("checked").asLong()).isEqualTo(count(db, "SELECT count(*) FROM audit_entry"));
    }

    @Test
    void awkward_json_values_survive_jsonb_and_the_chain_still_verifies() {
        assertThat(send(url, "POST", "/test/audit/awkward-json", null, null).status()).isEqualTo(204);

        JsonNode entry = entries("?action=probe.awkward").get(0);
        assertThat(entry.path("after").path("text").asText()).contains("日本", "😀", "\"");
        JsonNode verification = verify();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void verify_names_a_row_changed_by_direct_sql_and_a_deleted_row() {
        post(url, "/system/api-clients", admin, "{\"id\": \"tamper-a\"}");
        post(url, "/system/api-clients", admin, "{\"id\": \"tamper-b\"}");
        post(url, "/system/api-clients", admin, "{\"id\": \"tamper-c\"}");
        long victim = count(db, "SELECT id FROM audit_entry WHERE target_id = 'tamper-b'");
        assertThat(verify().path("valid").asBoolean()).isTrue();

        execute(db, "UPDATE audit_entry SET actor = 'someone-else' WHERE id = " + victim);
        JsonNode altered = verify();
        execute(db, "UPDATE audit_entry SET actor = 'admin/" + admin.substring(3, 11) + "' WHERE id = " + victim);

        assertThat(altered.path("valid").asBoolean()).isFalse();
        assertThat(altered.path("firstInvalidId").asLong()).isEqualTo(victim);
        assertThat(altered.path("problem").asText()).contains("altered");
        assertThat(verify().path("valid").asBoolean()).isTrue();

        execute(db, "UPDATE audit_entry SET after_state = jsonb_set(after_state, '{description}', '\"edited\"') WHERE id = " + victim);
        JsonNode editedJson = verify();
        assertThat(editedJson.path("firstInvalidId").asLong()).isEqualTo(victim);
        execute(db, "UPDATE audit_entry SET after_state = jsonb_set(after_state, '{description}', '\"\"') WHERE id = " + victim);

        execute(db, "CREATE TABLE audit_saved AS SELECT * FROM audit_entry WHERE id = " + victim);
        execute(db, "DELETE FROM audit_entry WHERE id = " + victim);
        JsonNode deleted = verify();
        execute(db, "INSERT INTO audit_entry SELECT * FROM audit_saved");
        execute(db, "DROP TABLE audit_saved");

        assertThat(deleted.path("valid").asBoolean()).isFalse();
        assertThat(deleted.path("firstInvalidId").asLong()).isEqualTo(victim);
        assertThat(deleted.path("problem").asText()).contains("missing");
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void search_filters_by_time_and_pages_newest_first() {
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            post(url, "/system/api-clients", admin, "{\"id\": \"paged-" + i + "\"}");
        }

        JsonNode first = json(get(url, "/system/audit?action=api_client.create&from=" + before + "&limit=2", admin));
        assertThat(first.path("entries").size()).isEqualTo(2);
        assertThat(first.path("entries").get(0).path("id").asLong()).isGreaterThan(first.path("entries").get(1).path("id").asLong());
        long next = first.path("nextBeforeId").asLong();
        JsonNode second = entries("?action=api_client.create&from=" + before + "&limit=2&beforeId=" + next);
        assertThat(second.get(0).path("id").asLong()).isLessThan(next);
        assertThat(entries("?action=api_client.create&to=" + before).toString()).doesNotContain("paged-");
    }

    @Test
    void invalid_search_parameters_are_422_problems() {
        ApiClient.Response response = get(url, "/system/audit?limit=0&from=yesterday&beforeId=x", admin);

        assertThat(response.status()).isEqualTo(422);
        assertThat(json(response).path("errors").toString()).contains("limit", "from", "beforeId");
    }
}
