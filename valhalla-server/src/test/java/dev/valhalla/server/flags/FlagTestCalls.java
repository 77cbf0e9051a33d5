package dev.valhalla.server.flags;

import dev.valhalla.server.ServerApp;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Servers, keys, polling and database counts the flag API tests share. */
final class FlagTestCalls {

    private FlagTestCalls() {
    }

    /** The whole product on {@code db}, with the kill switch released (it is engaged on a fresh database). */
    static KeyTestServers.Started start(TestDatabase db) {
        KeyTestServers.Started server = KeyTestServers.startServerApp(db, List.of());
        killSwitch(new ApiClient(server.app().url()).withKey(server.adminKey()), false);
        return server;
    }

    static void killSwitch(ApiClient admin, boolean engaged) {
        admin.post("/system/governance/kill-switch", Map.of("engaged", engaged, "reason", "flag tests")).expect(200);
    }

    /** A key with {@code scope} for a new client {@code clientId}. */
    static String issueKey(ApiClient admin, String clientId, String scope) {
        admin.post("/system/api-clients", Map.of("id", clientId, "description", "flag tests")).expect(201);
        return admin.post("/system/api-keys", Map.of("clientId", clientId, "name", scope + " key", "scopes", List.of(scope)))
                .expect(201).json().path("key").asText();
    }

    /** Waits (polling, never sleeping a fixed time) until {@code condition} holds, failing after {@code within}. */
    static void await(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    static long count(TestDatabase db, String sql) {
        return KeyTestServers.count(db, sql);
    }

    /** Every pooled connection is back in its pool and none was returned inside a transaction. */
    static void assertNoConnectionsHeld(ServerApp app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (app.database().pools().stream().anyMatch(pool -> pool.active() > 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(app.database().pools()).allSatisfy(pool -> assertThat(pool.active()).as(pool.pool()).isZero());
        assertThat(app.database().rolledBackAtClose()).isZero();
    }
}
