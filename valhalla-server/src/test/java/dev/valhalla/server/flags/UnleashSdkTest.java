package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.getunleash.variant.Payload;
import io.getunleash.variant.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The official Unleash Java SDK against the running server's client API. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnleashSdkTest {

    private static final Duration SDK_POLL = Duration.ofSeconds(10);

    private TestDatabase db;
    private KeyTestServers.Started server;
    private ApiClient admin;
    private String readKey;
    private Unleash unleash;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = FlagTestCalls.start(db);
        admin = new ApiClient(server.app().url()).withKey(server.adminKey());
        readKey = FlagTestCalls.issueKey(admin, "checkout-service", "read");
        admin.post("/system/flags", """
                {"name": "rollout-half", "enabled": true, "strategies": [{"name": "flexibleRollout",
                  "parameters": {"rollout": "50", "stickiness": "userId", "groupId": "rollout-half"}}]}""").expect(201);
        admin.post("/system/flags", """
                {"name": "nordic-only", "enabled": true, "strategies": [{"name": "default",
                  "constraints": [{"contextName": "country", "operator": "IN", "values": ["NO"]}]}]}""").expect(201);
        admin.post("/system/flags", """
                {"name": "button-colour", "enabled": true, "strategies": [{"name": "default"}],
                 "variants": [{"name": "blue", "weight": 1000, "weightType": "fix", "stickiness": "userId",
                               "payload": {"type": "string", "value": "#0000ff"}},
                              {"name": "gold", "weight": 0, "weightType": "fix", "payload": {"type": "json", "value": "{\\"shade\\": 1}"},
                               "overrides": [{"contextName": "userId", "values": ["vip"]}]}]}""").expect(201);
        admin.post("/system/flags", "{\"name\": \"parent-on\", \"enabled\": true}").expect(201);
        admin.post("/system/flags", "{\"name\": \"parent-off\", \"enabled\": false}").expect(201);
        admin.post("/system/flags", "{\"name\": \"child-of-on\", \"enabled\": true, \"dependencies\": [{\"feature\": \"parent-on\"}]}")
                .expect(201);
        admin.post("/system/flags", "{\"name\": \"child-of-off\", \"enabled\": true, \"dependencies\": [{\"feature\": \"parent-off\"}]}")
                .expect(201);
        unleash = new DefaultUnleash(UnleashConfig.builder()
                .appName("checkout-service")
                .instanceId("test-" + UUID.randomUUID())
                .unleashAPI(server.app().url() + "/api")
                .apiKey(readKey) // the SDK sends it as a bare "Authorization: <key>"
                .synchronousFetchOnInitialisation(true)
                .fetchTogglesInterval(1)
                .sendMetricsInterval(1)
                .build());
    }

    @AfterEach
    void noConnectionIsLeftHeld() {
        FlagTestCalls.assertNoConnectionsHeld(server.app());
    }

    @AfterAll
    void stop() {
        unleash.shutdown();
        server.app().close();
    }

    @Test
    void a_gradual_rollout_turns_on_exactly_the_users_the_unleash_hash_selects() {
        int on = 0;
        for (int i = 0; i < 200; i++) {
            String user = "user-" + i;
            boolean expected = Murmur3.normalizedValue(user, "rollout-half", 100, Murmur3.ROLLOUT_SEED) <= 50;
            boolean enabled = unleash.isEnabled("rollout-half", UnleashContext.builder().userId(user).build());
            assertThat(enabled).as(user).isEqualTo(expected);
            on += enabled ? 1 : 0;
        }
        assertThat(on).isBetween(60, 140);
    }

    @Test
    void a_constraint_decides_by_the_context() {
        assertThat(unleash.isEnabled("nordic-only", country("NO"))).isTrue();
        assertThat(unleash.isEnabled("nordic-only", country("DE"))).isFalse();
        assertThat(unleash.isEnabled("nordic-only", UnleashContext.builder().build())).isFalse();
    }

    @Test
    void variants_carry_their_payload_and_overrides_win() {
        Variant blue = unleash.getVariant("button-colour", UnleashContext.builder().userId("someone").build());
        assertThat(blue.getName()).isEqualTo("blue");
        assertThat(blue.isEnabled()).isTrue();
        assertThat(blue.getPayload().map(Payload::getValue)).contains("#0000ff");
        Variant gold = unleash.getVariant("button-colour", UnleashContext.builder().userId("vip").build());
        assertThat(gold.getName()).isEqualTo("gold");
        assertThat(gold.getPayload().map(Payload::getType)).contains("json");
        assertThat(unleash.getVariant("nordic-only", country("DE")).getName()).isEqualTo("disabled");
    }

    @Test
    void a_dependent_flag_follows_its_parent() {
        assertThat(unleash.isEnabled("child-of-on")).isTrue();
        assertThat(unleash.isEnabled("child-of-off")).isFalse();
    }

    @Test
    void the_kill_switch_turns_every_flag_off_and_releasing_it_restores_them() {
        assertThat(unleash.isEnabled("nordic-only", country("NO"))).isTrue();
        FlagTestCalls.killSwitch(admin, true);
        try {
            FlagTestCalls.await(SDK_POLL, "the SDK sees every flag off", () ->
                    !unleash.isEnabled("nordic-only", country("NO")) && !unleash.isEnabled("parent-on"));
            assertThat(unleash.getVariant("button-colour").getName()).isEqualTo("disabled");
        } finally {
            FlagTestCalls.killSwitch(admin, false);
        }
        FlagTestCalls.await(SDK_POLL, "the SDK sees the flags again", () -> unleash.isEnabled("nordic-only", country("NO")));
        assertThat(unleash.isEnabled("child-of-on")).isTrue();
        assertThat(unleash.getVariant("button-colour", UnleashContext.builder().userId("vip").build()).getName()).isEqualTo("gold");
    }

    @Test
    void a_change_reaches_the_sdk_on_its_next_poll() {
        admin.post("/system/flags", "{\"name\": \"late-arrival\", \"enabled\": false}").expect(201);
        FlagTestCalls.await(SDK_POLL, "the SDK knows the new flag", () -> unleash.more().getFeatureToggleNames().contains("late-arrival"));
        assertThat(unleash.isEnabled("late-arrival")).isFalse();
        admin.put("/system/flags/late-arrival", "{\"enabled\": true}").expect(200);
        FlagTestCalls.await(SDK_POLL, "the SDK sees the flag on", () -> unleash.isEnabled("late-arrival"));
    }

    @Test
    void the_features_document_answers_304_while_unchanged() {
        ApiClient client = new ApiClient(server.app().url()).withKey(readKey);
        ApiClient.Response first = client.get("/api/client/features").expect(200);
        String etag = first.header("ETag").orElseThrow();
        assertThat(first.json().path("features").findValuesAsText("name")).contains("nordic-only");
        client.get("/api/client/features", "If-None-Match", etag).expect(304);
        admin.post("/system/flags", "{\"name\": \"etag-mover\", \"enabled\": true}").expect(201);
        ApiClient.Response changed = client.get("/api/client/features", "If-None-Match", etag).expect(200);
        assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(etag);
        client.get("/api/client/features", "If-None-Match", changed.header("ETag").orElseThrow()).expect(304);
    }

    @Test
    void the_sdk_registers_and_its_counts_are_shown_per_flag() {
        for (int i = 0; i < 5; i++) {
            unleash.isEnabled("nordic-only", country("NO"));
        }
        unleash.isEnabled("nordic-only", country("DE"));
        unleash.getVariant("button-colour", UnleashContext.builder().userId("vip").build());
        FlagTestCalls.await(SDK_POLL, "the SDK's metrics arrive", () -> {
            JsonNode totals = admin.get("/system/flags/nordic-only/metrics").expect(200).json().path("totals");
            return totals.path("yes").asLong() >= 5 && totals.path("no").asLong() >= 1;
        });
        FlagTestCalls.await(SDK_POLL, "variant counts arrive", () -> admin.get("/system/flags/button-colour/metrics?hours=2")
                .expect(200).json().path("totals").path("variants").path("gold").asLong() >= 1);
        assertThat(FlagTestCalls.count(db, "SELECT count(*) FROM flag_client_instance WHERE app_name = 'checkout-service'"))
                .isGreaterThanOrEqualTo(1);
    }

    private static UnleashContext country(String country) {
        return UnleashContext.builder().userId("u-1").addProperty("country", country).build();
    }
}
