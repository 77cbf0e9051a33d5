package dev.valhalla.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.ServerApp;
import dev.valhalla.server.core.config.ServerConfig;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.core.http.TransactionalHandler;
import dev.valhalla.server.flags.ClientFeaturesFormat;
import dev.valhalla.server.flags.SyntheticFlagStates;
import io.javalin.Javalin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge benchmark's two servers in one process, sharing one handler and one database core:
 * <ul>
 *   <li>{@code EDGE_PORT}: Valhalla with its whole edge, serving {@code GET /bench/clients} (scope read)
 *       behind correlation, access log, tracing (10 % sampling), blocklist (an enabled policy with
 *       rules that do not match), API-key authentication, a rate-limit policy covering the route
 *       (high enough never to refuse), the maintenance shield and the kill-switch guard;</li>
 *   <li>{@code BARE_PORT}: a plain Javalin 7 on virtual threads running the <em>same</em>
 *       {@link TransactionalHandler} in the same database unit of work, with no edge at all.</li>
 * </ul>
 * The handler reads the {@code api_client} table. Both ports are bound to 127.0.0.1. For the OFREP
 * benchmark the server also gets the evaluation benchmark's 200 synthetic flags (see {@link #importFlags}).
 *
 * <p>Usage: {@code EdgeBenchmarkServer EDGE_PORT BARE_PORT DATA_DIR ADMIN_KEY}; runs until killed.
 */
public final class EdgeBenchmarkServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeBenchmarkServer() {
    }

    public static void main(String[] args) throws Exception {
        int edgePort = Integer.parseInt(args[0]);
        int barePort = Integer.parseInt(args[1]);
        String adminKey = args[3];
        TransactionalHandler clients = (ctx, handle) -> ctx.json(Map.of("clients", handle.createQuery(
                        "SELECT id, description, created_at FROM api_client ORDER BY id")
                .map((rs, c) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getString(1));
                    row.put("description", rs.getString(2));
                    row.put("createdAt", rs.getTimestamp(3).toInstant().toString());
                    return row;
                }).list()));
        Feature bench = new Feature() {
            @Override
            public void register(Routes routes) {
                routes.get("/bench/clients", Scope.READ, "Benchmark: list API clients", clients);
            }
        };
        ServerConfig config = ServerConfig.from(Map.of(
                "VALHALLA_PORT", Integer.toString(edgePort),
                "VALHALLA_DATA_DIR", args[2],
                "VALHALLA_ADMIN_KEY", adminKey,
                "VALHALLA_TRACE_SAMPLE_RATE", "0.1"));
        ServerApp app = ServerApp.start(config, List.of(bench));
        configureEdge(app.url(), adminKey);
        importFlags(app.url(), adminKey);

        Javalin bare = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = true;
            javalin.routes.get("/bench/clients", ctx -> app.database().readOnly(handle -> {
                clients.handle(ctx, handle);
                return null;
            }));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bare.stop();
            app.close();
        }));
        bare.start("127.0.0.1", barePort);
        System.out.println("edge " + app.url() + "/bench/clients, bare http://127.0.0.1:" + barePort + "/bench/clients");
    }

    /** A blocklist policy with non-matching rules and a rate-limit policy over the route, via the admin API. */
    private static void configureEdge(String url, String adminKey) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long policy = send(http, url, adminKey, "/system/security/policies",
                Map.of("name", "bench", "description", "rules that never match the benchmark's client"))
                .path("id").asLong();
        for (String cidr : List.of("203.0.113.0/24", "198.51.100.7", "2001:db8::/32")) {
            send(http, url, adminKey, "/system/security/blocklist",
                    Map.of("policyId", policy, "kind", cidr.contains("/") ? "cidr" : "ip", "value", cidr, "reason", "benchmark"));
        }
        send(http, url, adminKey, "/system/rate-limits", Map.of("name", "bench", "algorithm", "token_bucket",
                "limit", 1_000_000_000L, "windowSeconds", 1L, "key", "api_key", "pathPrefix", "/bench"));
    }

    /**
     * For the OFREP benchmark: the kill switch released (a fresh database starts with it engaged, which
     * turns every evaluation off) and the 200-flag synthetic state of the evaluation benchmark imported.
     */
    private static void importFlags(String url, String adminKey) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        send(http, url, adminKey, "/system/governance/kill-switch", Map.of("engaged", false, "reason", "benchmark"));
        String document = new ClientFeaturesFormat(JSON).writeString(SyntheticFlagStates.generate(200, 42));
        send(http, "PUT", url, adminKey, "/system/flags/import", document);
    }

    private static JsonNode send(HttpClient http, String url, String adminKey, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        return send(http, "POST", url, adminKey, path, JSON.writeValueAsString(body));
    }

    private static JsonNode send(HttpClient http, String method, String url, String adminKey, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
