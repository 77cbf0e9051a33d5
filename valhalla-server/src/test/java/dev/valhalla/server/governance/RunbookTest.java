package dev.valhalla.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunbookTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    /** Test-only checks that misbehave on demand, registered through the runbook's extension point. */
    static final class Misbehaving implements Feature, RunbookContributor {
        final AtomicBoolean misbehave = new AtomicBoolean();
        final CountDownLatch never = new CountDownLatch(1);

        @Override
        public void register(Routes routes) {
        }

        @Override
        public List<RunbookCheck> runbookChecks() {
            return List.of(
                    check("test-throws", context -> {
                        if (misbehave.get()) {
                            throw new IllegalStateException("the check broke");
                        }
                        return CheckResult.pass("fine");
                    }),
                    check("test-hangs-in-java", context -> {
                        if (misbehave.get()) {
                            never.await();
                        }
                        return CheckResult.pass("fine");
                    }),
                    check("test-hangs-in-sql", context -> {
                        context.handle().createQuery("SELECT pg_sleep(:s)").bind("s", misbehave.get() ? 60 : 0)
                                .mapTo(String.class).one();
                        return CheckResult.pass("fine");
                    }),
                    check("test-aborts-its-transaction", context -> {
                        if (misbehave.get()) {
                            context.handle().execute("SELECT 1/0");
                        }
                        return CheckResult.pass("fine");
                    }));
        }

        private static RunbookCheck check(String id, Body body) {
            return new RunbookCheck() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String title() {
                    return "Test " + id;
                }

                @Override
                public boolean blocking() {
                    return false;
                }

                @Override
                public Duration timeLimit() {
                    return LIMIT;
                }

                @Override
                public CheckResult run(CheckContext context) throws Exception {
                    return body.run(context);
                }
            };
        }

        interface Body {
            CheckResult run(CheckContext context) throws Exception;
        }
    }

    private final Misbehaving misbehaving = new Misbehaving();
    private TestDatabase db;
    private KeyTestServers.Started server;
    private ApiClient anonymous;

    @BeforeAll
    void start(TestDatabase database) {
        db = database;
        server = KeyTestServers.startServerApp(db, List.of(misbehaving));
        anonymous = new ApiClient(server.app().url());
    }

    @AfterAll
    void stop() {
        server.app().close();
    }

    @AfterEach
    void behave() {
        misbehaving.misbehave.set(false);
    }

    private static Map<String, JsonNode> byId(JsonNode status) {
        Map<String, JsonNode> checks = new HashMap<>();
        status.path("checks").forEach(check -> checks.put(check.path("id").asText(), check));
        return checks;
    }

    @Test
    void a_throwing_and_a_hanging_check_are_errors_while_the_others_still_pass_within_the_limits() {
        misbehaving.misbehave.set(true);
        long start = System.nanoTime();

        JsonNode status = anonymous.get("/api/governance/runbook/status").expect(200).json();

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, JsonNode> checks = byId(status);
        assertThat(checks.get("test-throws").path("status").asText()).isEqualTo("error");
        assertThat(checks.get("test-throws").path("detail").asText()).contains("the check broke");
        assertThat(checks.get("test-hangs-in-java").path("status").asText()).isEqualTo("error");
        assertThat(checks.get("test-hangs-in-java").path("detail").asText()).contains("time limit of 1000 ms");
        assertThat(checks.get("test-hangs-in-sql").path("status").asText()).isEqualTo("error");
        assertThat(checks.get("test-hangs-in-sql").path("detail").asText()).contains("57014");
        assertThat(checks.get("test-aborts-its-transaction").path("detail").asText()).contains("22012");
        for (String healthy : List.of("database-reachable", "migrations-at-head", "no-idle-transactions")) {
            assertThat(checks.get(healthy).path("status").asText()).as(healthy).isEqualTo("pass");
        }
        assertThat(checks.get("backend-complete").path("status").asText()).isEqualTo("fail");
        assertThat(status.path("verdict").asText()).isEqualTo("fail");
        // every check ran concurrently under its own limit: the run is bounded by one limit, not their sum
        assertThat(took).isLessThan(LIMIT.multipliedBy(4));
        assertNoConnectionLeftBehind();
    }

    @Test
    void a_check_that_misbehaved_passes_again_on_the_next_run() {
        misbehaving.misbehave.set(true);
        anonymous.get("/api/governance/runbook/status").expect(200);
        misbehaving.misbehave.set(false);

        Map<String, JsonNode> checks = byId(anonymous.get("/api/governance/runbook/status").expect(200).json());

        assertThat(checks.values()).filteredOn(check -> check.path("id").asText().startsWith("test-"))
                .hasSize(4).allSatisfy(check -> assertThat(check.path("status").asText()).isEqualTo("pass"));
    }

    @Test
    void the_status_lists_every_check_with_the_verdict_and_the_go_live_state() {
        JsonNode status = anonymous.get("/api/governance/runbook/status").expect(200).json();

        assertThat(status.path("checks").findValuesAsText("id")).startsWith("database-reachable", "migrations-at-head",
                "backend-complete", "kill-switch-released", "no-idle-transactions");
        JsonNode migrations = byId(status).get("migrations-at-head");
        assertThat(migrations.path("blocking").asBoolean()).isTrue();
        assertThat(migrations.path("detail").asText()).contains("at head");
        assertThat(migrations.path("durationMs").isIntegralNumber()).isTrue();
        assertThat(status.path("goLiveAllowed").asBoolean()).isFalse();
        assertThat(status.path("goLive").path("goLiveEnabled").asBoolean()).isFalse();
        assertThat(status.path("goLive").path("killSwitchEngaged").asBoolean()).isTrue();
    }

    @Test
    void an_edited_revision_fails_the_migrations_check() {
        KeyTestServers.execute(db, "UPDATE valhalla_schema.revision_history SET checksum = 'v1:tampered' "
                + "WHERE revision_id = '20250601_0200_governance_state'");
        try {
            JsonNode migrations = byId(anonymous.get("/api/governance/runbook/status").expect(200).json()).get("migrations-at-head");
            assertThat(migrations.path("status").asText()).isEqualTo("fail");
            assertThat(migrations.path("detail").asText()).contains("edited after being applied [20250601_0200_governance_state]");
        } finally {
            KeyTestServers.execute(db, "UPDATE valhalla_schema.revision_history h SET checksum = r.checksum FROM (VALUES ('"
                    + ServerRevisions.checksums().get("20250601_0200_governance_state")
                    + "')) AS r(checksum) WHERE h.revision_id = '20250601_0200_governance_state'");
        }
    }

    @Test
    void the_markdown_page_is_text_markdown_with_a_row_per_check() {
        ApiClient.Response response = anonymous.get("/api/governance/runbook/markdown").expect(200);

        assertThat(response.header("Content-Type")).hasValue("text/markdown; charset=utf-8");
        assertThat(response.body()).startsWith("# Valhalla go-live runbook\n")
                .contains("**Verdict:** FAIL (go-live is blocked)")
                .contains("**Kill switch:** ENGAGED")
                .contains("| ❌ | Backend declared complete | `backend-complete` | yes | fail |")
                .contains("## Blocking go-live");
        assertThat(response.body().lines().filter(line -> line.startsWith("| ") && line.contains("` | "))).hasSize(9);
    }

    private void assertNoConnectionLeftBehind() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long busy;
        do {
            busy = server.app().database().pools().getFirst().active()
                    + KeyTestServers.count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    + "AND (state LIKE 'idle in transaction%' OR (state = 'active' AND query LIKE '%pg_sleep%'))");
            if (busy == 0) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        assertThat(busy).as("connections still busy after the runbook run").isZero();
    }
}
