package dev.valhalla.server.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs the post-deploy checks against a running server over HTTP: liveness, readiness, health, the
 * runbook (JSON and Markdown), the Prometheus metrics, and with a key the governance state.
 */
final class Verifier {

    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final Duration timeout;
    private final Optional<String> key;
    private final HttpClient client;

    Verifier(URI base, Duration timeout, Optional<String> key) {
        this.base = base;
        this.timeout = timeout;
        this.key = key;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @throws ServerUnreachableException when the first request gets no response at all */
    Verification run() throws ServerUnreachableException {
        List<Verification.Check> checks = new ArrayList<>();
        checks.add(firstCheck());
        checks.add(check("ready", "/ready", false, this::ready));
        checks.add(check("health", "/health", false, this::health));
        checks.add(check("runbook", "/api/governance/runbook/status", false, this::runbook));
        checks.add(check("runbook-markdown", "/api/governance/runbook/markdown", false, Verifier::markdown));
        checks.add(check("metrics", "/metrics", false, Verifier::metrics));
        if (key.isPresent()) {
            checks.add(check("governance-state", "/system/governance/state", true, this::governanceState));
        }
        return Verification.of(base.toString(), checks);
    }

    private record Outcome(boolean passed, String detail) {
    }

    private Verification.Check firstCheck() throws ServerUnreachableException {
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = send("/live", false);
        } catch (IOException e) {
            throw new ServerUnreachableException(base.toString(), e);
        }
        Outcome outcome = response.statusCode() == 200 ? new Outcome(true, "the process answers")
                : new Outcome(false, "HTTP " + response.statusCode());
        return new Verification.Check("live", "/live", outcome.passed(), response.statusCode(), millisSince(start), outcome.detail());
    }

    private Verification.Check check(String name, String path, boolean authenticated,
                                     Function<HttpResponse<String>, Outcome> judge) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = send(path, authenticated);
            long latency = millisSince(start);
            Outcome outcome;
            try {
                outcome = judge.apply(response);
            } catch (RuntimeException e) {
                outcome = new Outcome(false, "unexpected answer: " + e.getMessage());
            }
            return new Verification.Check(name, path, outcome.passed(), response.statusCode(), latency, outcome.detail());
        } catch (IOException e) {
            return new Verification.Check(name, path, false, 0, millisSince(start), "no response: " + e);
        }
    }

    private HttpResponse<String> send(String path, boolean authenticated) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(timeout).GET();
        if (authenticated) {
            request.header("Authorization", "Bearer " + key.orElseThrow());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Outcome ready(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            return new Outcome(true, "ready");
        }
        return new Outcome(false, "not ready (HTTP " + response.statusCode() + "): " + down(body(response).path("checks")));
    }

    private Outcome health(HttpResponse<String> response) {
        JsonNode body = body(response);
        boolean up = response.statusCode() == 200 && "UP".equals(body.path("status").asText());
        return up ? new Outcome(true, "UP, " + body.path("components").size() + " components")
                : new Outcome(false, "HTTP " + response.statusCode() + ", down: " + down(body.path("components")));
    }

    private Outcome runbook(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Outcome(false, "HTTP " + response.statusCode());
        }
        JsonNode body = body(response);
        String verdict = body.path("verdict").asText("missing");
        Map<String, Integer> counts = new TreeMap<>();
        StringJoiner failing = new StringJoiner(", ");
        for (JsonNode check : body.path("checks")) {
            String status = check.path("status").asText();
            counts.merge(status, 1, Integer::sum);
            if (status.equals("fail") || status.equals("error")) {
                failing.add(check.path("id").asText() + (check.path("blocking").asBoolean() ? " (blocking)" : ""));
            }
        }
        String detail = "verdict " + verdict + ", " + counts + (failing.length() == 0 ? "" : "; not passing: " + failing);
        return new Outcome(verdict.equals("pass") || verdict.equals("warn"), detail);
    }

    private static Outcome markdown(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/markdown")) {
            return new Outcome(false, "HTTP " + response.statusCode() + ", Content-Type '" + type + "'");
        }
        if (!response.body().startsWith("# ")) {
            return new Outcome(false, "the body does not start with a Markdown heading");
        }
        return new Outcome(true, response.body().lines().count() + " lines of Markdown");
    }

    private static Outcome metrics(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Outcome(false, "HTTP " + response.statusCode());
        }
        PrometheusText.Result parsed = PrometheusText.parse(response.body());
        if (!parsed.problems().isEmpty()) {
            return new Outcome(false, parsed.problems().size() + " malformed lines, first " + parsed.problems().getFirst());
        }
        return parsed.samples() == 0 ? new Outcome(false, "no samples")
                : new Outcome(true, parsed.samples() + " samples parsed");
    }

    private Outcome governanceState(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Outcome(false, "HTTP " + response.statusCode() + " " + body(response).path("detail").asText(""));
        }
        JsonNode goLive = body(response).path("goLive");
        return new Outcome(true, "go-live " + (goLive.path("goLiveEnabled").asBoolean() ? "enabled" : "disabled")
                + ", kill switch " + (goLive.path("killSwitchEngaged").asBoolean() ? "engaged" : "released"));
    }

    private JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON", e);
        }
    }

    private static String down(JsonNode components) {
        StringJoiner down = new StringJoiner(", ");
        components.properties().forEach(component -> {
            String status = component.getValue().path("status").asText();
            if (!status.equals("UP")) {
                down.add(component.getKey() + " " + status);
            }
        });
        return down.length() == 0 ? "none reported" : down.toString();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
