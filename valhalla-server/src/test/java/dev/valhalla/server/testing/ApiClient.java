package dev.valhalla.server.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared HTTP client of the server tests. Every request/response pair it sees is validated
 * against the OpenAPI document the server under test serves at {@code /openapi.json}, with the
 * swagger-request-validator library; a mismatch fails the test with the validator's report.
 *
 * <p>The response is always validated (status declared, media type, body schema). The request is
 * validated too when the server accepted it (status below 400); a request the server refused is
 * usually a test of bad input on purpose, so only the problem response must match the document.
 * Request credentials are not checked against the security schemes (tests may authenticate with a
 * test-only authenticator); the key tests cover authentication.
 *
 * <p>The document is fetched when the client is created: create it right after the server started.
 *
 * <p>Use: {@code ApiClient admin = new ApiClient(app.url()).withKey(adminKey);
 * JsonNode state = admin.get("/system/governance/state").expect(200).json();}. Immutable and
 * thread-safe; {@link #withKey} and {@link #withHeader} return new clients sharing the validator.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    // parsing the document costs; servers of one build serve the same document
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private final String baseUrl;
    private final List<String> headers;
    private final Duration timeout;
    private volatile OpenApiInteractionValidator validator;

    /** A client of the server at {@code baseUrl}, e.g. {@code app.url()}. */
    public ApiClient(String baseUrl) {
        this(baseUrl.replaceAll("/+$", ""), List.of(), Duration.ofSeconds(30), null);
        // fetched now, while the server surely serves it (later a test may put it in maintenance)
        validator();
    }

    private ApiClient(String baseUrl, List<String> headers, Duration timeout, OpenApiInteractionValidator validator) {
        this.baseUrl = baseUrl;
        this.headers = List.copyOf(headers);
        this.timeout = timeout;
        this.validator = validator;
    }

    /** A client sending {@code Authorization: Bearer key} on every request. */
    public ApiClient withKey(String key) {
        return withHeader("Authorization", "Bearer " + key);
    }

    /** A client sending {@code name: value} on every request. */
    public ApiClient withHeader(String name, String value) {
        List<String> more = new ArrayList<>(headers);
        more.add(name);
        more.add(value);
        return new ApiClient(baseUrl, more, timeout, validator);
    }

    /** A client waiting up to {@code newTimeout} for each response. */
    public ApiClient withTimeout(Duration newTimeout) {
        return new ApiClient(baseUrl, headers, newTimeout, validator);
    }

    /** GET {@code path} (may carry a query string); {@code extraHeaders} are name, value pairs. */
    public Response get(String path, String... extraHeaders) {
        return send("GET", path, null, null, extraHeaders);
    }

    /** POST {@code body} as JSON: a {@link String} is sent as is, anything else serialized with Jackson. */
    public Response post(String path, Object body, String... extraHeaders) {
        return send("POST", path, "application/json", jsonText(body), extraHeaders);
    }

    /** PUT {@code body} as JSON (see {@link #post}). */
    public Response put(String path, Object body, String... extraHeaders) {
        return send("PUT", path, "application/json", jsonText(body), extraHeaders);
    }

    /** PATCH {@code body} as JSON (see {@link #post}). */
    public Response patch(String path, Object body, String... extraHeaders) {
        return send("PATCH", path, "application/json", jsonText(body), extraHeaders);
    }

    /** DELETE {@code path}. */
    public Response delete(String path, String... extraHeaders) {
        return send("DELETE", path, null, null, extraHeaders);
    }

    /**
     * Sends any request and validates the pair.
     *
     * @param contentType null for none
     * @param body        null for an empty body
     * @throws AssertionError when the pair does not match the OpenAPI document
     */
    public Response send(String method, String path, String contentType, String body, String... extraHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, pathOnly(path));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
            request.withContentType(contentType);
        }
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of(extraHeaders));
        for (int i = 0; i < all.size(); i += 2) {
            builder.header(all.get(i), all.get(i + 1));
            request.withHeader(all.get(i), all.get(i + 1));
        }
        queryParameters(path).forEach(pair -> request.withQueryParam(pair.getKey(), pair.getValue()));
        if (body != null) {
            request.withBody(body);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        validate(method, path, request.build(), response);
        return new Response(method, path, response.statusCode(), response.headers(), response.body());
    }

    private void validate(String method, String path, SimpleRequest request, HttpResponse<String> response) {
        SimpleResponse.Builder validated = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach(validated::withHeader);
        if (!response.body().isEmpty()) {
            validated.withBody(response.body());
        }
        OpenApiInteractionValidator openApi = validator();
        ValidationReport report = openApi.validateResponse(pathOnly(path),
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), validated.build());
        if (response.statusCode() < 400) {
            report = openApi.validateRequest(request).merge(report);
        }
        if (report.hasErrors()) {
            throw new AssertionError("The exchange does not match the OpenAPI document:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report)
                    + "\nRequest: " + method + " " + path + (request.getRequestBody().isPresent() ? " with body" : "")
                    + "\nResponse: " + response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("")
                    + "\n" + abbreviate(response.body()));
        }
    }

    private OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator current = validator;
        if (current == null) {
            HttpResponse<String> document;
            try {
                document = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/openapi.json")).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fetch the OpenAPI document from " + baseUrl, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (document.statusCode() != 200) {
                throw new AssertionError("the server at " + baseUrl + " serves no OpenAPI document (HTTP "
                        + document.statusCode() + " for /openapi.json); compose it with the OpenAPI feature");
            }
            current = VALIDATORS.computeIfAbsent(document.body(),
                    text -> OpenApiInteractionValidator.createForInlineApiSpecification(text)
                            // tests authenticate through test-only authenticators too; the key tests cover credentials
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE).build())
                            .build());
            validator = current;
        }
        return current;
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static List<Map.Entry<String, String>> queryParameters(String path) {
        int query = path.indexOf('?');
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (query < 0) {
            return pairs;
        }
        for (String pair : path.substring(query + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            pairs.add(Map.entry(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : ""));
        }
        return pairs;
    }

    private static String jsonText(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the request body", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    /**
     * A validated response.
     *
     * @param method  the request's method
     * @param path    the request's path and query
     * @param status  HTTP status
     * @param headers response headers
     * @param body    the body as text
     */
    public record Response(String method, String path, int status, HttpHeaders headers, String body) {

        /** The body parsed as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(method + " " + path + ": the body is not JSON: " + abbreviate(body), e);
            }
        }

        /** The first value of a response header. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Fails unless the status is {@code expected}; returns this for chaining. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError(method + " " + path + ": expected HTTP " + expected + ", got " + status + ": "
                        + abbreviate(body));
            }
            return this;
        }

        /** Fails unless this is a problem with {@code expectedStatus} and {@code code}; returns its JSON. */
        public JsonNode problem(int expectedStatus, String code) {
            expect(expectedStatus);
            String type = header("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                throw new AssertionError(method + " " + path + ": expected application/problem+json, got " + type);
            }
            JsonNode problem = json();
            if (!code.equals(problem.path("code").asText())) {
                throw new AssertionError(method + " " + path + ": expected problem code " + code + ", got " + problem);
            }
            return problem;
        }
    }
}
