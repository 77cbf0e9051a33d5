package dev.valhalla.server.flags;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlagAdminApiTest {

    private TestDatabase db;
    private KeyTestServers.Started server;
    private ApiClient admin;
    private ApiClient reader;
    private ApiClient anonymous;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = FlagTestCalls.start(db);
        admin = new ApiClient(server.app().url()).withKey(server.adminKey());
        reader = new ApiClient(server.app().url()).withKey(FlagTestCalls.issueKey(admin, "flag-reader", "read"));
        anonymous = new ApiClient(server.app().url());
        admin.post("/system/segments", """
                {"id": 1, "name": "beta testers", "constraints": [
                  {"contextName": "beta", "operator": "IN", "values": ["true"]}]}""").expect(201);
    }

    @AfterEach
    void noConnectionIsLeftHeld() {
        FlagTestCalls.assertNoConnectionsHeld(server.app());
    }

    @AfterAll
    void stop() {
        server.app().close();
    }

    @Test
    void creates_updates_and_archives_a_flag_auditing_each_change_with_before_and_after() {
        JsonNode created = admin.post("/system/flags?reason=launch", """
                {"name": "checkout-v2", "enabled": true, "description": "new checkout",
                 "strategies": [{"name": "flexibleRollout", "parameters": {"rollout": "50", "stickiness": "userId", "groupId": "checkout-v2"},
                                 "constraints": [{"contextName": "country", "operator": "IN", "values": ["NO", "SE"]}],
                                 "segments": [1]}],
                 "variants": [{"name": "blue", "weight": 200, "weightType": "fix"},
                              {"name": "green", "weightType": "variable"}, {"name": "red", "weightType": "variable"}]}
                """).expect(201).json();
        assertThat(created.path("version").asLong()).isEqualTo(1);
        JsonNode variants = created.path("definition").path("variants");
        assertThat(variants.findValues("weight")).extracting(JsonNode::asInt).containsExactly(200, 400, 400);

        JsonNode updated = admin.put("/system/flags/checkout-v2", """
                {"enabled": false, "strategies": [{"name": "default"}]}""").expect(200).json();
        assertThat(updated.path("version").asLong()).isEqualTo(2);
        assertThat(updated.path("definition").path("enabled").asBoolean()).isFalse();
        assertThat(reader.get("/system/flags/checkout-v2").expect(200).json().path("definition").path("strategies").get(0)
                .path("name").asText()).isEqualTo("default");

        JsonNode archived = admin.delete("/system/flags/checkout-v2?reason=done").expect(200).json();
        assertThat(archived.path("archived").asBoolean()).isTrue();
        assertThat(reader.get("/system/flags").expect(200).json().path("flags").findValuesAsText("name")).doesNotContain("checkout-v2");
        assertThat(reader.get("/system/flags?archived=true").expect(200).json().path("flags").findValuesAsText("name"))
                .contains("checkout-v2");
        admin.put("/system/flags/checkout-v2", "{\"enabled\": true}").problem(404, "NOT_FOUND");

        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM audit_entry WHERE target_type = 'flag' AND target_id = 'checkout-v2'"
                + " AND action = 'flag.create' AND before_state IS NULL AND after_state->'definition'->>'name' = 'checkout-v2'"
                + " AND reason = 'launch'")).isEqualTo(1);
        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM audit_entry WHERE target_id = 'checkout-v2' AND action = 'flag.update'"
                + " AND (before_state->'definition'->>'enabled')::boolean AND NOT (after_state->'definition'->>'enabled')::boolean"))
                .isEqualTo(1);
        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM audit_entry WHERE target_id = 'checkout-v2' AND action = 'flag.archive'"
                + " AND (after_state->>'archived')::boolean AND reason = 'done'")).isEqualTo(1);
    }

    @Test
    void lists_every_error_of_a_bad_flag_with_its_json_pointer_and_stores_nothing() {
        admin.post("/system/flags", "{\"name\": \"parent\", \"enabled\": true}").expect(201);
        long flags = FlagTestCalls.count(db, "SELECT count(*) FROM flag");
        long audited = FlagTestCalls.count(db, "SELECT count(*) FROM audit_entry");

        JsonNode problem = admin.post("/system/flags", """
                {"name": "broken", "enabled": true,
                 "strategies": [{"name": "default", "segments": [1, 99],
                                 "constraints": [{"contextName": "plan", "operator": "IN", "values": ["pro"]},
                                                 {"contextName": "plan", "operator": "STR_LIKE", "values": ["p"]},
                                                 {"contextName": "email", "operator": "REGEX", "value": "([a-z"}]}],
                 "variants": [{"name": "a", "weight": 600, "weightType": "fix"}, {"name": "b", "weight": 300, "weightType": "fix"}],
                 "dependencies": [{"feature": "parent"}, {"feature": "ghost"}]}
                """).problem(422, "VALIDATION_FAILED");
        assertThat(pointers(problem)).containsExactlyInAnyOrder(
                "/strategies/0/constraints/1/operator",
                "/strategies/0/constraints/2/value",
                "/strategies/0/segments/1",
                "/variants",
                "/dependencies/1/feature");
        assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();

        admin.post("/system/flags", "{\"name\": \"child\", \"enabled\": true, \"dependencies\": [{\"feature\": \"parent\"}]}")
                .expect(201);
        flags++;
        audited++;
        JsonNode cycle = admin.put("/system/flags/parent", "{\"enabled\": true, \"dependencies\": [{\"feature\": \"child\"}]}")
                .problem(422, "VALIDATION_FAILED");
        assertThat(cycle.path("errors").get(0).path("pointer").asText()).isEqualTo("/dependencies/0/feature");
        assertThat(cycle.path("errors").get(0).path("message").asText()).contains("parent -> child -> parent");

        String description = "x".repeat(70_000);
        JsonNode oversize = admin.post("/system/flags", Map.of("name", "huge", "enabled", true, "description", description))
                .problem(422, "VALIDATION_FAILED");
        assertThat(pointers(oversize)).containsExactly("");
        assertThat(oversize.path("errors").get(0).path("message").asText()).contains("at most 65536");

        JsonNode unknownMember = admin.post("/system/flags", "{\"name\": \"typo\", \"enabled\": true, \"strategies\": [{\"nam\": \"default\"}]}")
                .problem(422, "VALIDATION_FAILED");
        assertThat(pointers(unknownMember)).contains("/strategies/0/nam", "/strategies/0/name");

        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM flag")).isEqualTo(flags);
        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM audit_entry")).isEqualTo(audited);
        assertThat(reader.get("/system/flags/parent").expect(200).json().path("version").asLong()).isEqualTo(1);
    }

    @Test
    void import_makes_the_flags_equal_to_the_document_in_one_transaction() {
        admin.post("/system/flags", "{\"name\": \"imp-keep\", \"enabled\": true}").expect(201);
        admin.post("/system/flags", "{\"name\": \"imp-change\", \"enabled\": true}").expect(201);
        admin.post("/system/flags", "{\"name\": \"imp-drop\", \"enabled\": true}").expect(201);
        String document = """
                {"version": 2,
                 "features": [
                   {"name": "imp-keep", "enabled": true, "stale": false, "impressionData": false, "strategies": [], "variants": []},
                   {"name": "imp-change", "enabled": false, "strategies": [{"name": "userWithId", "parameters": {"userIds": "a,b"},
                                                                          "segments": [7]}]},
                   {"name": "imp-new", "enabled": true, "createdAt": "2024-01-01T00:00:00Z",
                    "dependencies": [{"feature": "imp-keep"}],
                    "variants": [{"name": "x", "weight": 500, "weightType": "variable"}, {"name": "y", "weight": 500, "weightType": "variable"}]}],
                 "segments": [{"id": 1, "name": "beta testers", "constraints": [{"contextName": "beta", "operator": "IN", "values": ["true"]}]},
                              {"id": 7, "name": "nordics", "constraints": [{"contextName": "country", "operator": "IN", "values": ["NO"]}]}]}
                """;
        JsonNode result = admin.put("/system/flags/import?reason=migration", document).expect(200).json();

        assertThat(texts(result.path("created"))).containsExactly("imp-new");
        assertThat(texts(result.path("updated"))).containsExactly("imp-change");
        assertThat(texts(result.path("unchanged"))).containsExactly("imp-keep");
        assertThat(texts(result.path("archived"))).contains("imp-drop");
        assertThat(namesOf(reader.get("/system/flags").expect(200).json().path("flags")))
                .containsExactlyInAnyOrder("imp-keep", "imp-change", "imp-new");
        assertThat(member(reader.get("/system/segments").expect(200).json().path("segments"), "id"))
                .containsExactly("1", "7");
        assertThat(result.path("segments").path("created").get(0).asInt()).isEqualTo(7);
        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM audit_entry WHERE action = 'flag.import' AND reason = 'migration'"))
                .isEqualTo(1);

        JsonNode again = admin.put("/system/flags/import", document).expect(200).json();
        assertThat(texts(again.path("unchanged"))).containsExactlyInAnyOrder("imp-keep", "imp-change", "imp-new");
        assertThat(texts(again.path("created"))).isEmpty();
        assertThat(texts(again.path("archived"))).isEmpty();

        long flagVersions = FlagTestCalls.count(db, "SELECT sum(version) FROM flag");
        JsonNode bad = admin.put("/system/flags/import", """
                {"version": 2, "features": [
                   {"name": "ok", "enabled": true},
                   {"name": "bad", "enabled": true, "strategies": [{"name": "default", "segments": [8],
                      "constraints": [{"contextName": "v", "operator": "SEMVER_GT", "value": "one"}]}],
                    "dependencies": [{"feature": "bad2"}]},
                   {"name": "bad2", "enabled": true, "dependencies": [{"feature": "bad"}]}]}
                """).problem(422, "VALIDATION_FAILED");
        assertThat(pointers(bad)).contains("/features/1/strategies/0/segments/0", "/features/1/strategies/0/constraints/0/value",
                "/features/1/dependencies/0/feature", "/features/2/dependencies/0/feature");
        assertThat(FlagTestCalls.count(db, "SELECT sum(version) FROM flag")).isEqualTo(flagVersions);
        assertThat(namesOf(reader.get("/system/flags").json().path("flags"))).containsExactlyInAnyOrder("imp-keep", "imp-change", "imp-new");
    }

    @Test
    void every_new_route_refuses_callers_without_a_key_or_without_the_scope() {
        anonymous.get("/system/flags").problem(401, "API_KEY_MISSING");
        anonymous.get("/api/client/features").problem(401, "API_KEY_MISSING");
        anonymous.post("/ofrep/v1/evaluate/flags", "{\"context\": {}}").problem(401, "API_KEY_MISSING");
        anonymous.post("/ofrep/v1/evaluate/flags/any", "{\"context\": {}}").problem(401, "API_KEY_MISSING");
        anonymous.post("/api/client/metrics", "{}").problem(401, "API_KEY_MISSING");
        reader.post("/system/flags", "{\"name\": \"nope\", \"enabled\": true}").problem(403, "FORBIDDEN");
        reader.put("/system/flags/import", "{\"features\": []}").problem(403, "FORBIDDEN");
        reader.put("/system/flags/parent", "{\"enabled\": true}").problem(403, "FORBIDDEN");
        reader.delete("/system/flags/parent").problem(403, "FORBIDDEN");
        reader.post("/system/segments", "{\"constraints\": []}").problem(403, "FORBIDDEN");
        reader.get("/system/flags").expect(200);
        reader.get("/api/client/features").expect(200);
        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM flag WHERE name = 'nope'")).isZero();
    }

    @Test
    void bad_bodies_on_every_flag_write_route_are_4xx_and_write_nothing() {
        admin.post("/system/flags", "{\"name\": \"target\", \"enabled\": true}").expect(201);
        String[][] routes = {{"POST", "/system/flags"}, {"PUT", "/system/flags/target"}, {"PUT", "/system/flags/import"},
                {"POST", "/system/segments"}, {"PUT", "/system/segments/1"}};
        String flagsBefore = state();
        for (String[] route : routes) {
            for (String body : new String[] {"{\"a\": ", "[1, 2]", "{\"unknownField\": true}", "17", "null"}) {
                int status = admin.send(route[0], route[1], "application/json", body).status();
                assertThat(status).as(route[0] + " " + route[1] + " " + body).isBetween(400, 499);
            }
            assertThat(admin.send(route[0], route[1], "text/plain", "{}").status()).isEqualTo(415);
        }
        assertThat(state()).isEqualTo(flagsBefore);
    }

    private String state() {
        return FlagTestCalls.count(db, "SELECT count(*) FROM flag") + "/" + FlagTestCalls.count(db, "SELECT coalesce(sum(version), 0) FROM flag")
                + "/" + FlagTestCalls.count(db, "SELECT coalesce(sum(version), 0) FROM flag_segment");
    }

    @Test
    void a_frozen_configuration_refuses_flag_changes() {
        admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", true, "reason", "release week")).expect(200);
        try {
            admin.post("/system/flags", "{\"name\": \"frozen-flag\", \"enabled\": true}").problem(423, "CONFIGURATION_FROZEN");
            admin.put("/system/flags/import", "{\"features\": []}").problem(423, "CONFIGURATION_FROZEN");
            assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM flag WHERE name = 'frozen-flag'")).isZero();
        } finally {
            admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", false, "reason", "over")).expect(200);
        }
    }

    private static List<String> pointers(JsonNode problem) {
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(error -> pointers.add(error.path("pointer").asText()));
        return pointers;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> namesOf(JsonNode flags) {
        return member(flags, "name");
    }

    private static List<String> member(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(name).asText()));
        return values;
    }
}
