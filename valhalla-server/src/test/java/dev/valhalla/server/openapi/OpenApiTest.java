package dev.valhalla.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.keys.KeyTestServers;
import dev.valhalla.server.testing.ApiClient;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {

    private KeyTestServers.Started server;
    private ApiClient anonymous;

    @BeforeAll
    void start(TestDatabase db) {
        server = KeyTestServers.startServerApp(db, List.of());
        anonymous = new ApiClient(server.app().url());
    }

    @AfterAll
    void stop() {
        server.app().close();
    }

    private Map<String, Boolean> operations() {
        Map<String, Boolean> described = new TreeMap<>();
        anonymous.get("/openapi.json").expect(200).json().path("paths").properties().forEach(path ->
                path.getValue().properties().forEach(operation -> described.put(
                        operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue().path("x-valhalla-documented").asBoolean())));
        return described;
    }

    @Test
    void the_document_covers_exactly_the_routes_of_the_route_index() {
        Set<String> routed = new TreeSet<>();
        for (Route route : server.app().http().routes().all()) {
            routed.add(route.method() + " " + OpenApiDocument.openApiPath(route.path()));
        }

        assertThat(operations().keySet()).isEqualTo(routed);
        assertThat(anonymous.get("/openapi.json").expect(200).json().path("x-valhalla-unrouted"))
                .as("operations described in fragments that no route serves").isEmpty();
    }

    @Test
    void every_route_is_described_by_its_features_fragment() {
        Map<String, Boolean> operations = operations();

        List<String> undescribed = operations.entrySet().stream().filter(operation -> !operation.getValue())
                .map(Map.Entry::getKey).toList();

        assertThat(undescribed).as("routes without a description in src/main/resources/openapi/<feature>.json").isEmpty();
    }

    @Test
    void the_document_is_valid_openapi_with_security_and_problem_responses() {
        String text = anonymous.get("/openapi.json").expect(200).body();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
        var state = parsed.getOpenAPI().getPaths().get("/system/governance/state").getGet();
        assertThat(state.getSecurity()).hasSize(2);
        assertThat(state.getResponses()).containsKeys("200", "401", "403", "default");
        assertThat(state.getResponses().get("401").getContent()).containsKey("application/problem+json");
        assertThat(parsed.getOpenAPI().getPaths().get("/live").getGet().getSecurity()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths().get("/system/governance/go-live").getPost().getResponses())
                .containsKeys("200", "409", "422");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearerAuth", "apiKeyAuth");
    }

    @Test
    void the_docs_page_lists_every_operation_without_fetching_anything() {
        ApiClient.Response docs = anonymous.get("/docs").expect(200);

        assertThat(docs.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        for (Route route : server.app().http().routes().all()) {
            assertThat(docs.body()).contains("<code>" + OpenApiDocument.openApiPath(route.path()) + "</code>");
        }
        assertThat(docs.body()).doesNotContain("<script", "https://", "http://");
    }

    @Test
    void the_client_fails_a_response_that_contradicts_the_document() throws IOException {
        String document = anonymous.get("/openapi.json").expect(200).body();
        HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        liar.createContext("/", exchange -> {
            boolean isDocument = exchange.getRequestURI().getPath().equals("/openapi.json");
            byte[] body = (isDocument ? document : "{\"ready\": \"very\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        liar.start();
        try {
            ApiClient client = new ApiClient("http://127.0.0.1:" + liar.getAddress().getPort());
            assertThatThrownBy(() -> client.get("/ready"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("does not match the OpenAPI document")
                    .hasMessageContaining("checks");
            assertThatThrownBy(() -> client.get("/no/such/route"))
                    .isInstanceOf(AssertionError.class);
        } finally {
            liar.stop(0);
        }
    }

    @Test
    void problem_responses_validate_against_the_problem_schema() {
        JsonNode problem = anonymous.get("/api/metrics/queries?limit=5").problem(401, "API_KEY_MISSING");
        assertThat(problem.path("correlationId").asText()).isNotBlank();
        JsonNode invalid = anonymous.withKey(server.adminKey()).get("/api/metrics/queries?limit=0").problem(422, "VALIDATION_FAILED");
        assertThat(invalid.path("errors").findValuesAsText("field")).containsExactly("limit");
        assertThat(anonymous.withKey(server.adminKey()).get("/api/metrics/queries?limit=3").expect(200).json()
                .path("statements").size()).isLessThanOrEqualTo(3);
        anonymous.withKey(server.adminKey()).get("/api/metrics/database").expect(200);
        anonymous.get("/live").expect(200);
        anonymous.get("/ready").expect(200);
        anonymous.get("/health").expect(200);
        anonymous.get("/metrics").expect(200);
    }
}
