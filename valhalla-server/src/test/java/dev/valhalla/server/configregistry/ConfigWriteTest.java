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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.valhalla.server.configregistry.ConfigCalls.create;
import static dev.valhalla.server.configregistry.ConfigCalls.update;
import static dev.valhalla.server.configregistry.ConfigCalls.value;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigWriteTest {

    private TestDatabase db;
    private KeyTestServers.Started server;
    private ApiClient admin;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = KeyTestServers.startServerApp(db, List.of());
        admin = new ApiClient(server.app().url()).withKey(server.adminKey());
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
    void every_type_accepts_its_values_and_stores_them_normalized() {
        assertThat(create(admin, "types/greeting", "string", "hello").expect(201).json().path("value").asText()).isEqualTo("hello");
        assertThat(create(admin, "types/retry.max_attempts", "int", 5).expect(201).json().path("value").asLong()).isEqualTo(5);
        assertThat(create(admin, "types/big", "int", Long.MAX_VALUE).expect(201).json().path("value").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(create(admin, "types/enabled", "bool", true).expect(201).json().path("value").asBoolean()).isTrue();
        assertThat(create(admin, "types/timeout.iso", "duration", "PT30S").expect(201).json().path("value").asText()).isEqualTo("PT30S");
        assertThat(create(admin, "types/timeout.short", "duration", "5m").expect(201).json().path("value").asText()).isEqualTo("PT5M");
        assertThat(create(admin, "types/timeout.compound", "duration", "1h30m").expect(201).json().path("value").asText()).isEqualTo("PT1H30M");
        assertThat(create(admin, "types/timeout.millis", "duration", "250ms").expect(201).json().path("value").asText()).isEqualTo("PT0.25S");
        JsonNode json = create(admin, "types/limits", "json", Map.of("tiers", List.of(1, 2, 3), "name", "gold")).expect(201).json();
        assertThat(json.path("value").path("tiers").size()).isEqualTo(3);
        assertThat(json.path("type").asText()).isEqualTo("json");
    }

    @Test
    void a_value_of_the_wrong_type_is_a_422_naming_the_field_and_nothing_is_written() {
        long before = ConfigCalls.versions(db);
        Object[][] wrong = {
                {"string", 42, "expected a JSON string"},
                {"int", "5", "expected a JSON integer"},
                {"int", 1.5, "expected a JSON integer"},
                {"int", new java.math.BigInteger("99999999999999999999"), "2^63"},
                {"bool", "true", "expected true or false"},
                {"bool", 1, "expected true or false"},
                {"duration", "thirty seconds", "expected a duration"},
                {"duration", 30, "expected a duration"},
                {"duration", "-PT5S", "must not be negative"},
                {"duration", "P1Y", "expected a duration"},
        };
        for (Object[] attempt : wrong) {
            JsonNode problem = create(admin, "wrong/value", (String) attempt[0], attempt[1]).problem(422, "VALIDATION_FAILED");
            assertThat(problem.path("errors").get(0).path("field").asText()).as("%s %s", attempt[0], attempt[1]).isEqualTo("value");
            assertThat(problem.path("errors").get(0).path("message").asText()).as("%s %s", attempt[0], attempt[1])
                    .contains((String) attempt[2]);
        }
        JsonNode unknownType = create(admin, "wrong/value", "float", 1.5).problem(422, "VALIDATION_FAILED");
        assertThat(unknownType.path("errors").get(0).path("field").asText()).isEqualTo("type");
        JsonNode nullJson = admin.put("/system/config/wrong/value", "{\"type\": \"json\", \"value\": null, \"reason\": \"r\"}",
                "If-None-Match", "*").problem(422, "VALIDATION_FAILED");
        assertThat(nullJson.path("errors").get(0).path("field").asText()).isEqualTo("value");
        assertThat(ConfigCalls.versions(db)).isEqualTo(before);
        admin.get("/system/config/wrong/value").problem(404, "CONFIG_KEY_NOT_FOUND");
    }

    @Test
    void every_write_is_a_new_version_and_rollback_writes_an_old_value_as_the_next_version() {
        assertThat(create(admin, "payments/retry.max_attempts", "int", 3).expect(201).header("ETag")).contains("\"1\"");
        assertThat(update(admin, "payments/retry.max_attempts", 1, "int", 5).expect(200).header("ETag")).contains("\"2\"");
        update(admin, "payments/retry.max_attempts", 2, "int", 8).expect(200);

        JsonNode rolledBack = admin.post("/system/config/payments/retry.max_attempts/rollback",
                Map.of("version", 1, "reason", "8 overloads the gateway"), "If-Match", "\"3\"").expect(200).json();
        assertThat(rolledBack.path("version").asLong()).isEqualTo(4);
        assertThat(rolledBack.path("value").asLong()).isEqualTo(3);

        ApiClient.Response read = admin.get("/system/config/payments/retry.max_attempts").expect(200);
        assertThat(read.header("ETag")).contains("\"4\"");
        JsonNode history = read.json().path("history");
        assertThat(history).hasSize(4);
        assertThat(history.get(0).path("action").asText()).isEqualTo("rollback");
        assertThat(history.get(0).path("reason").asText()).isEqualTo("8 overloads the gateway");
        assertThat(history.get(0).path("changedBy").asText()).startsWith("admin/");
        assertThat(history.get(0).path("changedAt").asText()).isNotEmpty();
        assertThat(history.findValuesAsText("version")).containsExactly("4", "3", "2", "1");
        assertThat(history.get(1).path("value").asLong()).isEqualTo(8);
        assertThat(history.get(3).path("action").asText()).isEqualTo("create");

        JsonNode noSuchVersion = admin.post("/system/config/payments/retry.max_attempts/rollback",
                Map.of("version", 9, "reason", "r"), "If-Match", "\"4\"").problem(422, "VALIDATION_FAILED");
        assertThat(noSuchVersion.path("errors").get(0).path("field").asText()).isEqualTo("version");
    }

    @Test
    void a_stale_if_match_is_412_a_missing_precondition_428_and_a_second_creation_412() {
        create(admin, "checkout/timeout", "duration", "30s").expect(201);
        update(admin, "checkout/timeout", 1, "duration", "45s").expect(200);
        long before = ConfigCalls.versions(db);

        JsonNode stale = update(admin, "checkout/timeout", 1, "duration", "10s").problem(412, "CONFIG_PRECONDITION_FAILED");
        assertThat(stale.path("currentVersion").asLong()).isEqualTo(2);
        JsonNode missing = admin.put("/system/config/checkout/timeout", value("duration", "10s", "no precondition"))
                .problem(428, "CONFIG_PRECONDITION_REQUIRED");
        assertThat(missing.path("detail").asText()).contains("If-Match");
        create(admin, "checkout/timeout", "duration", "10s").problem(412, "CONFIG_PRECONDITION_FAILED");
        admin.put("/system/config/checkout/new-key", value("string", "x", "no precondition")).problem(428, "CONFIG_PRECONDITION_REQUIRED");
        update(admin, "checkout/never-created", 1, "string", "x").problem(412, "CONFIG_PRECONDITION_FAILED");
        admin.put("/system/config/checkout/timeout", value("duration", "10s", "weak tag"), "If-Match", "W/\"2\"")
                .problem(412, "CONFIG_PRECONDITION_FAILED");
        admin.delete("/system/config/checkout/timeout?reason=cleanup").problem(428, "CONFIG_PRECONDITION_REQUIRED");
        admin.delete("/system/config/checkout/timeout?reason=cleanup", "If-Match", "\"1\"").problem(412, "CONFIG_PRECONDITION_FAILED");
        admin.post("/system/config/checkout/timeout/rollback", Map.of("version", 1, "reason", "r"))
                .problem(428, "CONFIG_PRECONDITION_REQUIRED");
        admin.put("/system/config/checkout/timeout", value("duration", "10s", "bad header"), "If-Match", "2")
                .problem(400, "BAD_REQUEST");
        assertThat(ConfigCalls.versions(db)).isEqualTo(before);

        update(admin, "checkout/timeout", 2, "duration", "10s").expect(200);
    }

    @Test
    void of_concurrent_writes_from_the_same_version_exactly_one_wins() throws Exception {
        create(admin, "race/limit", "int", 0).expect(201);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int value = i;
                writes.add(threads.submit(() -> update(admin, "race/limit", 1, "int", value).status()));
            }
            for (Future<Integer> write : writes) {
                statuses.add(write.get());
            }
        }
        assertThat(statuses).containsOnly(200, 412).containsOnlyOnce(200);
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM config_version WHERE namespace = 'race'")).isEqualTo(2);
    }

    @Test
    void delete_keeps_the_history_and_recreating_continues_the_version_numbers() {
        create(admin, "search/page.size", "int", 20).expect(201);
        JsonNode typeChange = update(admin, "search/page.size", 1, "string", "twenty").problem(422, "VALIDATION_FAILED");
        assertThat(typeChange.path("errors").get(0).path("field").asText()).isEqualTo("type");

        admin.delete("/system/config/search/page.size?reason=retired", "If-Match", "\"1\"").expect(204);
        admin.get("/system/config/search/page.size").problem(404, "CONFIG_KEY_NOT_FOUND");
        admin.delete("/system/config/search/page.size?reason=again", "If-Match", "\"2\"").problem(404, "CONFIG_KEY_NOT_FOUND");

        JsonNode recreated = create(admin, "search/page.size", "string", "twenty").expect(201).json();
        assertThat(recreated.path("version").asLong()).isEqualTo(3);
        JsonNode history = admin.get("/system/config/search/page.size").expect(200).json().path("history");
        assertThat(history.findValuesAsText("action")).containsExactly("create", "delete", "create");
        assertThat(history.get(1).path("value").isNull()).isTrue();
        assertThat(history.get(1).path("reason").asText()).isEqualTo("retired");
    }

    @Test
    void every_change_is_audited_with_before_and_after_in_its_transaction() {
        create(admin, "audited/limit", "int", 1).expect(201);
        update(admin, "audited/limit", 1, "int", 2).expect(200);
        admin.post("/system/config/audited/limit/rollback", Map.of("version", 1, "reason", "back"), "If-Match", "\"2\"").expect(200);
        admin.delete("/system/config/audited/limit?reason=gone", "If-Match", "\"3\"").expect(204);

        JsonNode entries = admin.get("/system/audit?targetType=config_key&targetId=audited/limit").expect(200).json().path("entries");
        assertThat(entries.findValuesAsText("action"))
                .containsExactlyInAnyOrder("config.create", "config.update", "config.rollback", "config.delete");
        for (JsonNode entry : entries) {
            switch (entry.path("action").asText()) {
                case "config.create" -> {
                    assertThat(entry.path("before").isNull()).isTrue();
                    assertThat(entry.path("after").path("value").asLong()).isEqualTo(1);
                }
                case "config.update" -> {
                    assertThat(entry.path("before").path("value").asLong()).isEqualTo(1);
                    assertThat(entry.path("after").path("value").asLong()).isEqualTo(2);
                    assertThat(entry.path("reason").asText()).isEqualTo("test change");
                }
                case "config.rollback" -> assertThat(entry.path("after").path("version").asLong()).isEqualTo(3);
                default -> {
                    assertThat(entry.path("before").path("version").asLong()).isEqualTo(3);
                    assertThat(entry.path("after").isNull()).isTrue();
                }
            }
        }
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM audit_entry WHERE target_type = 'config_key'"
                + " AND target_id = 'audited/limit'")).isEqualTo(KeyTestServers.count(db,
                "SELECT count(*) FROM config_version WHERE namespace = 'audited' AND key = 'limit'"));
    }

    @Test
    void the_list_shows_live_keys_of_a_namespace() {
        create(admin, "listing/a", "bool", false).expect(201);
        create(admin, "listing/b", "string", "two").expect(201);
        JsonNode entries = admin.get("/system/config?namespace=listing").expect(200).json().path("entries");
        assertThat(entries.findValuesAsText("key")).containsExactly("a", "b");
        assertThat(admin.get("/system/config").expect(200).json().path("entries").size()).isGreaterThanOrEqualTo(2);
    }
}
