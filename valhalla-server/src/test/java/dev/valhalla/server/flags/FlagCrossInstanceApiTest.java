package dev.valhalla.server.flags;

import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances on one database: a change through one is served by the other within a second. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlagCrossInstanceApiTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String CONTEXT = "{\"context\": {\"targetingKey\": \"u-1\", \"country\": \"NO\"}}";

    private KeyTestServers.Started first;
    private KeyTestServers.Started second;
    private ApiClient adminOnFirst;
    private ApiClient serviceOnSecond;

    @BeforeAll
    void start(TestDatabase db) {
        first = FlagTestCalls.start(db);
        second = KeyTestServers.startServerApp(db, List.of());
        adminOnFirst = new ApiClient(first.app().url()).withKey(first.adminKey());
        serviceOnSecond = new ApiClient(second.app().url()).withKey(FlagTestCalls.issueKey(adminOnFirst, "svc", "read"));
    }

    @AfterAll
    void stop() {
        second.app().close();
        first.app().close();
    }

    @Test
    void a_flag_created_and_changed_on_one_instance_is_served_by_the_other_within_a_second() {
        adminOnFirst.post("/system/flags", """
                {"name": "cross", "enabled": true, "strategies": [{"name": "default",
                  "constraints": [{"contextName": "country", "operator": "IN", "values": ["SE"]}]}]}""").expect(201);
        FlagTestCalls.await(WITHIN, "the second instance serves the new flag", () ->
                serviceOnSecond.get("/api/client/features").expect(200).json().path("features").findValuesAsText("name")
                        .contains("cross"));
        assertThat(serviceOnSecond.post("/ofrep/v1/evaluate/flags/cross", CONTEXT).expect(200).json().path("value").asBoolean())
                .isFalse();

        adminOnFirst.put("/system/flags/cross", """
                {"enabled": true, "strategies": [{"name": "default",
                  "constraints": [{"contextName": "country", "operator": "IN", "values": ["SE", "NO"]}]}]}""").expect(200);
        FlagTestCalls.await(WITHIN, "the second instance evaluates the change", () ->
                serviceOnSecond.post("/ofrep/v1/evaluate/flags/cross", CONTEXT).expect(200).json().path("value").asBoolean());

        adminOnFirst.delete("/system/flags/cross").expect(200);
        FlagTestCalls.await(WITHIN, "the second instance forgets the archived flag", () ->
                serviceOnSecond.post("/ofrep/v1/evaluate/flags/cross", CONTEXT).status() == 404);
    }
}
