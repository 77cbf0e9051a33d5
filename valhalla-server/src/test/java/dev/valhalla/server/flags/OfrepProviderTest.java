package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
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

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenFeature Java SDK with its OFREP provider against the running server. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfrepProviderTest {

    private static final String DOMAIN = "valhalla-ofrep-test";

    private KeyTestServers.Started server;
    private ApiClient admin;
    private ApiClient service;
    private OpenFeatureAPI openFeature;
    private Client client;

    @BeforeAll
    void start(TestDatabase db) {
        server = FlagTestCalls.start(db);
        admin = new ApiClient(server.app().url()).withKey(server.adminKey());
        String readKey = FlagTestCalls.issueKey(admin, "ofrep-service", "read");
        service = new ApiClient(server.app().url()).withKey(readKey);
        admin.post("/system/flags", """
                {"name": "rollout-half", "enabled": true, "strategies": [{"name": "flexibleRollout",
                  "parameters": {"rollout": "50", "stickiness": "userId", "groupId": "rollout-half"}}]}""").expect(201);
        admin.post("/system/flags", """
                {"name": "nordic-only", "enabled": true, "strategies": [{"name": "default",
                  "constraints": [{"contextName": "country", "operator": "IN", "values": ["NO"]}]}]}""").expect(201);
        admin.post("/system/flags", """
                {"name": "banner-text", "enabled": true, "strategies": [{"name": "default"}],
                 "variants": [{"name": "hello", "weight": 1000, "weightType": "fix", "payload": {"type": "string", "value": "Hello!"}}]}""")
                .expect(201);
        admin.post("/system/flags", """
                {"name": "limits", "enabled": true,
                 "variants": [{"name": "generous", "weight": 1000, "weightType": "fix", "payload": {"type": "json", "value": "{\\"max\\": 42}"}}]}""")
                .expect(201);
        admin.post("/system/flags", "{\"name\": \"always-on\", \"enabled\": true}").expect(201);
        admin.post("/system/flags", "{\"name\": \"switched-off\", \"enabled\": false}").expect(201);
        admin.post("/system/flags", "{\"name\": \"child\", \"enabled\": true, \"dependencies\": [{\"feature\": \"always-on\"}]}")
                .expect(201);
        openFeature = OpenFeatureAPI.getInstance();
        openFeature.setProviderAndWait(DOMAIN, OfrepProvider.constructProvider(OfrepProviderOptions.builder()
                .baseUrl(server.app().url())
                .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + readKey)))
                .build()));
        client = openFeature.getClient(DOMAIN);
    }

    @AfterEach
    void noConnectionIsLeftHeld() {
        FlagTestCalls.assertNoConnectionsHeld(server.app());
    }

    @AfterAll
    void stop() {
        openFeature.shutdown();
        server.app().close();
    }

    @Test
    void a_gradual_rollout_splits_users_as_the_unleash_hash_does() {
        int on = 0;
        for (int i = 0; i < 100; i++) {
            String user = "user-" + i;
            FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("rollout-half", false, new ImmutableContext(user));
            assertThat(details.getValue()).as(user)
                    .isEqualTo(Murmur3.normalizedValue(user, "rollout-half", 100, Murmur3.ROLLOUT_SEED) <= 50);
            assertThat(details.getReason()).isIn("SPLIT", "DEFAULT");
            on += details.getValue() ? 1 : 0;
        }
        assertThat(on).isBetween(25, 75);
    }

    @Test
    void a_constraint_matches_on_context_attributes() {
        FlagEvaluationDetails<Boolean> norway = client.getBooleanDetails("nordic-only", false, country("NO"));
        assertThat(norway.getValue()).isTrue();
        assertThat(norway.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(norway.getVariant()).isEqualTo("on");
        FlagEvaluationDetails<Boolean> germany = client.getBooleanDetails("nordic-only", true, country("DE"));
        assertThat(germany.getValue()).isFalse();
        assertThat(germany.getReason()).isEqualTo("DEFAULT");
        assertThat(client.getBooleanDetails("always-on", false, new ImmutableContext("u")).getReason()).isEqualTo("STATIC");
        FlagEvaluationDetails<Boolean> off = client.getBooleanDetails("switched-off", true, new ImmutableContext("u"));
        assertThat(off.getValue()).isFalse();
        assertThat(off.getReason()).isEqualTo("DISABLED");
    }

    @Test
    void a_variant_yields_its_payload() {
        FlagEvaluationDetails<String> banner = client.getStringDetails("banner-text", "fallback", new ImmutableContext("u"));
        assertThat(banner.getValue()).isEqualTo("Hello!");
        assertThat(banner.getVariant()).isEqualTo("hello");
        assertThat(banner.getReason()).isEqualTo("SPLIT");
        Value limits = client.getObjectValue("limits", new Value("none"), new ImmutableContext("u"));
        assertThat(limits.asStructure().getValue("max").asInteger()).isEqualTo(42);
    }

    @Test
    void a_dependent_flag_follows_its_parent() {
        assertThat(client.getBooleanValue("child", false, new ImmutableContext("u"))).isTrue();
        admin.put("/system/flags/always-on", "{\"enabled\": false}").expect(200);
        try {
            FlagTestCalls.await(Duration.ofSeconds(5), "the child follows its parent off",
                    () -> !client.getBooleanValue("child", true, new ImmutableContext("u")));
        } finally {
            admin.put("/system/flags/always-on", "{\"enabled\": true}").expect(200);
        }
        FlagTestCalls.await(Duration.ofSeconds(5), "the child is on again", () -> client.getBooleanValue("child", false, new ImmutableContext("u")));
    }

    @Test
    void the_kill_switch_disables_every_flag_until_released() {
        assertThat(client.getBooleanValue("nordic-only", false, country("NO"))).isTrue();
        FlagTestCalls.killSwitch(admin, true);
        try {
            FlagEvaluationDetails<Boolean> killed = client.getBooleanDetails("nordic-only", true, country("NO"));
            assertThat(killed.getValue()).isFalse();
            assertThat(killed.getReason()).isEqualTo("DISABLED");
            assertThat(client.getBooleanDetails("always-on", true, new ImmutableContext("u")).getReason()).isEqualTo("DISABLED");
            assertThat(client.getStringValue("banner-text", "fallback", new ImmutableContext("u"))).isEqualTo("fallback");
        } finally {
            FlagTestCalls.killSwitch(admin, false);
        }
        assertThat(client.getBooleanValue("nordic-only", false, country("NO"))).isTrue();
        assertThat(client.getStringValue("banner-text", "fallback", new ImmutableContext("u"))).isEqualTo("Hello!");
    }

    @Test
    void a_change_is_visible_within_a_second() {
        admin.put("/system/flags/nordic-only", """
                {"enabled": true, "strategies": [{"name": "default",
                  "constraints": [{"contextName": "country", "operator": "IN", "values": ["NO", "SE"]}]}]}""").expect(200);
        FlagTestCalls.await(Duration.ofSeconds(1), "SE is on", () -> client.getBooleanValue("nordic-only", false, country("SE")));
    }

    @Test
    void unknown_flags_and_bad_requests_get_the_ofrep_error_codes() {
        FlagEvaluationDetails<Boolean> ghost = client.getBooleanDetails("ghost", true, new ImmutableContext("u"));
        assertThat(ghost.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(ghost.getValue()).isTrue();

        JsonNode notFound = service.post("/ofrep/v1/evaluate/flags/ghost", "{\"context\": {\"targetingKey\": \"u\"}}").expect(404).json();
        assertThat(notFound.path("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");
        assertThat(notFound.path("key").asText()).isEqualTo("ghost");
        assertThat(service.post("/ofrep/v1/evaluate/flags/always-on", "{\"context\": ").expect(400).json()
                .path("errorCode").asText()).isEqualTo("PARSE_ERROR");
        assertThat(service.post("/ofrep/v1/evaluate/flags/always-on", "{\"context\": [1]}").expect(400).json()
                .path("errorCode").asText()).isEqualTo("INVALID_CONTEXT");
        assertThat(service.post("/ofrep/v1/evaluate/flags/always-on", "{\"context\": {\"tags\": {\"a\": 1}}}").expect(400).json()
                .path("errorCode").asText()).isEqualTo("INVALID_CONTEXT");
        assertThat(service.post("/ofrep/v1/evaluate/flags/rollout-half", "{\"context\": {}}").expect(400).json()
                .path("errorCode").asText()).isEqualTo("TARGETING_KEY_MISSING");
        JsonNode ok = service.post("/ofrep/v1/evaluate/flags/always-on", "{\"context\": {\"targetingKey\": \"u\"}}").expect(200).json();
        assertThat(ok.path("value").asBoolean()).isTrue();
        assertThat(service.post("/ofrep/v1/evaluate/flags", "[]").expect(400).json().path("errorCode").asText()).isEqualTo("PARSE_ERROR");
    }

    @Test
    void bulk_evaluation_answers_304_while_unchanged() {
        String body = "{\"context\": {\"targetingKey\": \"user-7\", \"country\": \"NO\"}}";
        ApiClient.Response first = service.post("/ofrep/v1/evaluate/flags", body).expect(200);
        String etag = first.header("ETag").orElseThrow();
        JsonNode flags = first.json().path("flags");
        assertThat(flags.findValuesAsText("key")).contains("nordic-only", "banner-text", "always-on");
        service.post("/ofrep/v1/evaluate/flags", body, "If-None-Match", etag).expect(304);
        admin.post("/system/flags", "{\"name\": \"bulk-mover\", \"enabled\": true}").expect(201);
        FlagTestCalls.await(Duration.ofSeconds(1), "the bulk result changes",
                () -> service.post("/ofrep/v1/evaluate/flags", body, "If-None-Match", etag).status() == 200);
        FlagTestCalls.killSwitch(admin, true);
        try {
            JsonNode killed = service.post("/ofrep/v1/evaluate/flags", body).expect(200).json().path("flags");
            killed.forEach(flag -> assertThat(flag.path("reason").asText()).as(flag.path("key").asText()).isEqualTo("DISABLED"));
        } finally {
            FlagTestCalls.killSwitch(admin, false);
        }
    }

    private static EvaluationContext country(String country) {
        return new ImmutableContext("user-1", Map.of("country", new Value(country)));
    }
}
