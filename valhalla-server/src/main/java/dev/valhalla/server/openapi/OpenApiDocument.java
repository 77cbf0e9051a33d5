package dev.valhalla.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Scope;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.0.3 document: one operation for exactly each route of the route index
 * (method, path, summary, scope as security), completed with what the feature's fragment says about
 * it (parameters, request body, responses, schemas), plus the problem responses every operation can
 * give. A route no fragment describes is still listed, marked {@code x-valhalla-documented: false},
 * with a response schema accepting anything; fragment operations that match no route are listed in
 * the top-level {@code x-valhalla-unrouted} instead of {@code paths}.
 */
final class OpenApiDocument {

    static final String VERSION = "3.0.3";
    private static final Pattern PATH_PARAMETER = Pattern.compile("[{<]([^}>]+)[}>]");
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final ObjectMapper mapper;

    OpenApiDocument(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode build(List<Route> routes, List<OpenApiFragments.Fragment> fragments, String version) {
        ObjectNode document = mapper.createObjectNode();
        document.put("openapi", VERSION);
        ObjectNode info = document.putObject("info");
        info.put("title", "Valhalla API");
        info.put("version", version);
        info.put("description", "The HTTP API of the Valhalla operations control plane. Errors are RFC 9457 "
                + "problem details (application/problem+json) with a stable `code` and the request's `correlationId`. "
                + "Authenticate with an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`.");
        ObjectNode components = baseComponents();
        Map<String, FragmentOperation> described = new HashMap<>();
        for (OpenApiFragments.Fragment fragment : fragments) {
            mergeComponents(components, fragment);
            collectOperations(fragment, described);
        }
        ObjectNode paths = mapper.createObjectNode();
        Set<String> routed = new HashSet<>();
        for (Route route : routes) {
            String path = openApiPath(route.path());
            String key = route.method().toLowerCase(Locale.ROOT) + " " + path;
            routed.add(key);
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            item.set(route.method().toLowerCase(Locale.ROOT), operation(route, path, described.get(key)));
        }
        document.set("paths", paths);
        document.set("components", components);
        ArrayNode unrouted = document.putArray("x-valhalla-unrouted");
        described.keySet().stream().filter(key -> !routed.contains(key)).sorted().forEach(unrouted::add);
        return document;
    }

    private record FragmentOperation(String tag, ObjectNode operation) {
    }

    private void collectOperations(OpenApiFragments.Fragment fragment, Map<String, FragmentOperation> into) {
        JsonNode paths = fragment.content().path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String key = method.getKey().toLowerCase(Locale.ROOT) + " " + openApiPath(path.getKey());
                if (into.put(key, new FragmentOperation(fragment.tag(), (ObjectNode) method.getValue())) != null) {
                    throw new IllegalStateException("OpenAPI operation described twice: " + key);
                }
            }
        }
    }

    private ObjectNode operation(Route route, String path, FragmentOperation described) {
        ObjectNode operation = mapper.createObjectNode();
        operation.put("operationId", operationId(route.method(), path));
        operation.put("summary", route.summary());
        operation.putArray("tags").add(described == null ? tagOf(path) : described.tag());
        operation.put("x-valhalla-scope", route.scope().name().toLowerCase(Locale.ROOT));
        operation.put("x-valhalla-writes", route.writes());
        operation.put("x-valhalla-documented", described != null);
        ArrayNode security = operation.putArray("security");
        if (route.scope() != Scope.PUBLIC) {
            security.addObject().putArray("bearerAuth");
            security.addObject().putArray("apiKeyAuth");
        }
        ArrayNode parameters = operation.putArray("parameters");
        Set<String> named = new HashSet<>();
        Matcher matcher = PATH_PARAMETER.matcher(route.path());
        while (matcher.find()) {
            named.add(matcher.group(1));
            ObjectNode parameter = parameters.addObject();
            parameter.put("name", matcher.group(1)).put("in", "path").put("required", true);
            parameter.putObject("schema").put("type", "string");
        }
        ObjectNode responses = mapper.createObjectNode();
        if (described != null) {
            ObjectNode given = described.operation();
            given.properties().forEach(field -> {
                switch (field.getKey()) {
                    case "parameters" -> field.getValue().forEach(p -> {
                        if (!named.contains(p.path("name").asText()) || !"path".equals(p.path("in").asText())) {
                            parameters.add(p.deepCopy());
                        }
                    });
                    case "responses" -> responses.setAll((ObjectNode) field.getValue().deepCopy());
                    default -> operation.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        } else {
            if (route.writes()) {
                ObjectNode requestBody = operation.putObject("requestBody");
                requestBody.put("required", false);
                requestBody.putObject("content").putObject("application/json").putObject("schema");
            }
            for (String status : List.of("200", "201", "202")) {
                ObjectNode any = responses.putObject(status);
                any.put("description", "Not described yet");
                any.putObject("content").putObject("application/json").putObject("schema");
            }
            responses.putObject("204").put("description", "Not described yet");
        }
        if (route.scope() != Scope.PUBLIC) {
            problem(responses, "401", "No, unknown, expired or revoked API key");
            problem(responses, "403", "The key lacks scope " + route.scope().name().toLowerCase(Locale.ROOT));
        }
        if (operation.has("requestBody")) {
            problem(responses, "400", "Malformed JSON");
            problem(responses, "413", "Body over the size limit");
            problem(responses, "415", "Not application/json");
            problem(responses, "422", "Invalid fields, each listed in `errors`");
        }
        problem(responses, "default", "Any other error, as problem details");
        operation.set("responses", responses);
        return operation;
    }

    private void problem(ObjectNode responses, String status, String description) {
        if (!responses.has(status)) {
            ObjectNode response = responses.putObject(status);
            response.put("description", description);
            response.putObject("content").putObject(PROBLEM_MEDIA_TYPE).putObject("schema").put("$ref", PROBLEM_SCHEMA);
        }
    }

    private ObjectNode baseComponents() {
        ObjectNode components = mapper.createObjectNode();
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearerAuth").put("type", "http").put("scheme", "bearer")
                .put("description", "An API key as `Authorization: Bearer <key>`");
        schemes.putObject("apiKeyAuth").put("type", "apiKey").put("in", "header").put("name", "X-API-Key")
                .put("description", "An API key as `X-API-Key: <key>`");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode problem = schemas.putObject("Problem");
        problem.put("type", "object").put("description", "RFC 9457 problem details");
        problem.putArray("required").add("type").add("title").add("status").add("detail").add("code").add("correlationId");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string").put("description", "urn:valhalla:problem:<code>");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        properties.putObject("code").put("type", "string").put("description", "stable error code, e.g. VALIDATION_FAILED");
        properties.putObject("correlationId").put("type", "string");
        properties.putObject("errors").put("type", "array").putObject("items").put("$ref", "#/components/schemas/FieldError");
        problem.put("additionalProperties", true);
        ObjectNode fieldError = schemas.putObject("FieldError");
        fieldError.put("type", "object").putArray("required").add("field").add("message");
        fieldError.putObject("properties").putObject("field").put("type", "string");
        ((ObjectNode) fieldError.get("properties")).putObject("message").put("type", "string");
        return components;
    }

    private static void mergeComponents(ObjectNode components, OpenApiFragments.Fragment fragment) {
        for (Map.Entry<String, JsonNode> section : fragment.content().path("components").properties()) {
            ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                    : components.putObject(section.getKey());
            for (Map.Entry<String, JsonNode> entry : section.getValue().properties()) {
                if (target.has(entry.getKey())) {
                    throw new IllegalStateException("OpenAPI component " + section.getKey() + "/" + entry.getKey()
                            + " defined twice (again in " + fragment.tag() + ".json)");
                }
                target.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }

    /** Javalin's {@code {id}} is OpenAPI's; its {@code <path>} wildcard parameter becomes {@code {path}}. */
    static String openApiPath(String javalinPath) {
        return PATH_PARAMETER.matcher(javalinPath).replaceAll("{$1}");
    }

    private static String tagOf(String path) {
        String[] segments = path.replaceAll("^/", "").split("/");
        if (segments.length >= 2 && (segments[0].equals("api") || segments[0].equals("system"))) {
            return segments[1].replaceAll("[{}]", "");
        }
        return segments[0].isEmpty() ? "root" : segments[0];
    }

    private static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("[/._-]+")) {
            if (segment.isEmpty()) {
                continue;
            }
            String word = segment.startsWith("{") ? "By" + segment.substring(1, segment.length() - 1) : segment;
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return id.toString();
    }
}
