package dev.valhalla.server;

import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-only routes registered through the same {@link Routes} API as the product's features, and a
 * route per scope; callers authenticate with real API keys (see {@link TestServers#ADMIN_KEY}).
 */
final class TestFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(TestFeature.class);

    record Item(String name, int quantity) {
        Item {
            List<dev.valhalla.server.core.error.FieldError> errors = new ArrayList<>();
            if (name == null || name.isBlank()) {
                errors.add(new dev.valhalla.server.core.error.FieldError("name", "must not be blank"));
            }
            if (quantity < 1) {
                errors.add(new dev.valhalla.server.core.error.FieldError("quantity", "must be at least 1"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
    }

    @Override
    public void register(Routes routes) {
        routes.post("/test/items", Scope.PUBLIC, "Insert an item", (ctx, handle) -> {
            Item item = RequestBody.json(ctx, Item.class);
            LOG.info("inserting item {}", item.name());
            handle.createUpdate("INSERT INTO test_item(name, quantity) VALUES (:name, :quantity)")
                    .bind("name", item.name()).bind("quantity", item.quantity()).execute();
            ctx.status(201).json(item);
        });
        routes.post("/test/fail-mid-transaction", Scope.PUBLIC, "Insert, then fail on a duplicate", (ctx, handle) -> {
            handle.createUpdate("INSERT INTO test_item(name, quantity) VALUES ('first', 1)").execute();
            // violates the primary key: the transaction is now aborted
            handle.createUpdate("INSERT INTO test_item(id, name, quantity) VALUES (1, 'dup', 1), (1, 'dup', 1)").execute();
        });
        routes.get("/test/count", Scope.PUBLIC, "Count items", (ctx, handle) ->
                ctx.json(Map.of("count", handle.createQuery("SELECT count(*) FROM test_item").mapTo(Long.class).one())));
        routes.get("/test/slow", Scope.PUBLIC, "A slow query", (ctx, handle) ->
                ctx.json(Map.of("slept", handle.createQuery("SELECT pg_sleep(:s)::text").bind("s",
                        Double.parseDouble(ctx.queryParamAsClass("seconds", String.class).getOrDefault("1"))).mapTo(String.class).one())));
        routes.get("/test/read", Scope.READ, "Needs read", ctx -> ctx.json(Map.of("ok", true)));
        routes.get("/test/admin", Scope.ADMIN, "Needs admin", ctx -> ctx.json(Map.of("ok", true)));
        routes.get("/test/boom", Scope.PUBLIC, "Throws an unknown exception", ctx -> {
            throw new IllegalStateException("boom");
        });
    }
}
