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

import java.util.List;
import java.util.Map;

import static dev.valhalla.server.configregistry.ConfigCalls.create;
import static dev.valhalla.server.configregistry.ConfigCalls.update;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigFreezeTest {

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
    void while_frozen_writes_are_refused_unless_an_admin_breaks_glass_with_a_reason() {
        create(admin, "frozen/limit", "int", 1).expect(201);
        admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", true, "reason", "release week")).expect(200);
        long versions = ConfigCalls.versions(db);

        update(admin, "frozen/limit", 1, "int", 2).problem(423, "CONFIGURATION_FROZEN");
        create(admin, "frozen/other", "int", 1).problem(423, "CONFIGURATION_FROZEN");
        admin.delete("/system/config/frozen/limit?reason=x", "If-Match", "\"1\"").problem(423, "CONFIGURATION_FROZEN");
        admin.post("/system/config/frozen/limit/rollback", Map.of("version", 1, "reason", "x"), "If-Match", "\"1\"")
                .problem(423, "CONFIGURATION_FROZEN");
        assertThat(ConfigCalls.versions(db)).isEqualTo(versions);
        admin.get("/system/config/frozen/limit").expect(200);

        JsonNode broken = admin.put("/system/config/frozen/limit", ConfigCalls.value("int", 2, "incident 7 needs more"),
                "If-Match", "\"1\"", "X-Break-Glass-Reason", "incident 7").expect(200).json();
        assertThat(broken.path("version").asLong()).isEqualTo(2);
        assertThat(KeyTestServers.count(db, "SELECT count(*) FROM audit_entry WHERE action = 'freeze.break_glass'")).isEqualTo(1);

        admin.put("/system/maintenance/state", Map.of("state", "normal", "frozen", false, "reason", "release done")).expect(200);
        update(admin, "frozen/limit", 2, "int", 3).expect(200);
    }
}
