package dev.valhalla.server.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.Main;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyCommandTest {

    private KeyTestServers.Started server;
    private ApiClient admin;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void start(TestDatabase db) {
        server = KeyTestServers.startServerApp(db, List.of());
        admin = new ApiClient(server.app().url()).withKey(server.adminKey());
    }

    @AfterAll
    void stop() {
        server.app().close();
    }

    private static Run verify(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "verify";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(commandLine.execute(all), out.toString(), err.toString());
    }

    private void backendComplete(boolean complete) {
        admin.put("/system/governance/metadata", Map.of("version", "2.0", "backendComplete", complete, "reason", "verify test"))
                .expect(200);
    }

    @Test
    void a_healthy_server_passes_every_check_with_exit_code_0() {
        backendComplete(true);

        Run run = verify("--url", server.app().url(), "--key", server.adminKey());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> rows = run.out().lines().filter(line -> line.startsWith("✓") || line.startsWith("✗")).toList();
        assertThat(rows).hasSize(7).allMatch(line -> line.startsWith("✓"));
        assertThat(run.out()).contains("live", "ready", "health", "runbook-markdown", "metrics", "governance-state",
                "/api/governance/runbook/status", " ms ", "samples parsed", "7 of 7 checks passed.");
    }

    @Test
    void json_output_holds_the_same_results() throws Exception {
        backendComplete(true);

        Run run = verify("--url", server.app().url() + "/", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("checks").findValuesAsText("name"))
                .containsExactly("live", "ready", "health", "runbook", "runbook-markdown", "metrics");
        assertThat(json.path("checks").findValues("latencyMs")).allMatch(JsonNode::isIntegralNumber);
        assertThat(json.path("checks").findValues("status")).allMatch(status -> status.asInt() == 200);
    }

    @Test
    void a_failing_blocking_check_fails_verification_with_exit_code_1() {
        backendComplete(false);

        Run run = verify("--url", server.app().url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().filter(line -> line.startsWith("✗")))
                .singleElement().asString().contains("runbook", "verdict fail", "backend-complete (blocking)");
        assertThat(run.out()).contains("5 of 6 checks passed; verification FAILED.");
    }

    @Test
    void an_unreachable_server_is_exit_code_2_with_the_url_and_the_cause_promptly() {
        long start = System.nanoTime();

        Run run = verify("--url", "http://127.0.0.1:1", "--timeout", "3s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach http://127.0.0.1:1/").contains("ConnectException");
        assertThat(run.out()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_malformed_url_is_exit_code_2_naming_it() {
        Run run = verify("--url", "ftp://example");
        Run garbage = verify("--url", "http://exa mple");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("malformed URL 'ftp://example'", "http:// or https://");
        assertThat(garbage.exitCode()).isEqualTo(2);
        assertThat(garbage.err()).contains("malformed URL");
    }

    @Test
    void a_bad_timeout_is_a_usage_error() {
        Run run = verify("--url", server.app().url(), "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected a duration like 500ms");
    }
}
