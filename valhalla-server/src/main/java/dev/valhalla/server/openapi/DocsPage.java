package dev.valhalla.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders the OpenAPI document as one self-contained HTML page (no scripts, nothing fetched). */
final class DocsPage {

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1c1c1c}
            h2{margin-top:2rem;border-bottom:1px solid #ccc}
            .op{border:1px solid #ddd;border-radius:6px;margin:.8rem 0;padding:.6rem .9rem}
            .method{font-weight:700;display:inline-block;min-width:4.5rem}
            code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}
            .scope{float:right;color:#555}
            table{border-collapse:collapse;margin:.3rem 0}
            td,th{border:1px solid #ddd;padding:.15rem .5rem;text-align:left;vertical-align:top}
            """;

    private DocsPage() {
    }

    static String render(JsonNode document) {
        Map<String, List<String>> byTag = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String tag = method.getValue().path("tags").path(0).asText("other");
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(operation(path.getKey(), method.getKey(), method.getValue()));
            }
        }
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(escape(document.path("info").path("title").asText())).append("</title><style>")
                .append(STYLE).append("</style></head><body>");
        html.append("<h1>").append(escape(document.path("info").path("title").asText())).append(" <small>")
                .append(escape(document.path("info").path("version").asText())).append("</small></h1>");
        html.append("<p>").append(escape(document.path("info").path("description").asText())).append("</p>");
        html.append("<p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI ")
                .append(escape(document.path("openapi").asText())).append(").</p>");
        byTag.forEach((tag, operations) -> {
            html.append("<h2 id=\"").append(escape(tag)).append("\">").append(escape(tag)).append("</h2>");
            operations.forEach(html::append);
        });
        return html.append("</body></html>").toString();
    }

    private static String operation(String path, String method, JsonNode operation) {
        StringBuilder html = new StringBuilder("<div class=\"op\"><span class=\"scope\">scope: ")
                .append(escape(operation.path("x-valhalla-scope").asText())).append("</span>")
                .append("<span class=\"method\">").append(escape(method.toUpperCase(java.util.Locale.ROOT))).append("</span>")
                .append("<code>").append(escape(path)).append("</code><p>").append(escape(operation.path("summary").asText()))
                .append("</p>");
        if (!operation.path("parameters").isEmpty()) {
            html.append("<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr>");
            for (JsonNode parameter : operation.path("parameters")) {
                html.append("<tr><td><code>").append(escape(parameter.path("name").asText())).append("</code></td><td>")
                        .append(escape(parameter.path("in").asText())).append("</td><td>")
                        .append(parameter.path("required").asBoolean() ? "yes" : "no").append("</td><td>")
                        .append(escape(parameter.path("description").asText())).append("</td></tr>");
            }
            html.append("</table>");
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (!body.isMissingNode()) {
            html.append("<p>Request body: <code>").append(escape(schemaName(body))).append("</code></p>");
        }
        html.append("<table><tr><th>Status</th><th>Description</th><th>Body</th></tr>");
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            JsonNode content = response.getValue().path("content");
            String media = content.properties().isEmpty() ? "" : content.properties().iterator().next().getKey();
            String schema = media.isEmpty() ? "" : schemaName(content.path(media).path("schema"));
            html.append("<tr><td>").append(escape(response.getKey())).append("</td><td>")
                    .append(escape(response.getValue().path("description").asText())).append("</td><td>")
                    .append(escape(media)).append(schema.isEmpty() ? "" : " <code>" + escape(schema) + "</code>")
                    .append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    private static String schemaName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (schema.path("type").asText().equals("array")) {
            return "array of " + schemaName(schema.path("items"));
        }
        return schema.path("type").asText("");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
