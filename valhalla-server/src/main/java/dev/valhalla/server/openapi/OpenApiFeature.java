package dev.valhalla.server.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.JsonMapping;
import dev.valhalla.server.core.http.RouteIndex;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.0.3 document of every route in the route index, and
 * {@code GET /docs}: the same as a self-contained HTML page. Both are public.
 *
 * <p>Extension point: a feature describes its routes (parameters, bodies, responses, schemas) in
 * {@code src/main/resources/openapi/<feature>.json}, an OpenAPI fragment whose {@code paths} use the
 * exact path templates of its routes; the document is assembled once at start from the route index
 * and every fragment. Thread-safe after {@link #start()}.
 */
public final class OpenApiFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiFeature.class);
    private final ObjectMapper mapper = JsonMapping.create();
    private RouteIndex index;
    private volatile Rendered rendered;

    private record Rendered(String json, String html) {
    }

    @Override
    public void register(Routes routes) {
        index = routes.index();
        routes.get("/openapi.json", Scope.PUBLIC, "The OpenAPI document of this API",
                ctx -> ctx.contentType("application/json").result(rendered().json()));
        routes.get("/docs", Scope.PUBLIC, "The API documentation as HTML", ctx -> ctx.html(rendered().html()));
    }

    @Override
    public void start() {
        rendered();
    }

    private Rendered rendered() {
        Rendered current = rendered;
        if (current == null) {
            synchronized (this) {
                if (rendered == null) {
                    rendered = render();
                }
                current = rendered;
            }
        }
        return current;
    }

    private Rendered render() {
        String version = OpenApiFeature.class.getPackage().getImplementationVersion();
        ObjectNode document = new OpenApiDocument(mapper).build(index.all(), OpenApiFragments.load(mapper),
                version == null ? "development" : version);
        if (!document.path("x-valhalla-unrouted").isEmpty()) {
            LOG.warn("OpenAPI fragments describe operations no route serves: {}", document.path("x-valhalla-unrouted"));
        }
        try {
            return new Rendered(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document), DocsPage.render(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }
}
