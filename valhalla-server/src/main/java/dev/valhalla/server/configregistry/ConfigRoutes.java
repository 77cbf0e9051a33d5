package dev.valhalla.server.configregistry;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.maintenance.Freeze;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP face of the registry. Services read {@code GET /api/config/{namespace}} (read scope) from the
 * in-memory snapshot with {@code ETag} / {@code If-None-Match} → 304. Admins manage keys under
 * {@code /system/config} (read scope for GETs, admin for writes); every write honours the freeze switch,
 * needs a precondition (see {@link Preconditions}) and a reason, and is audited.
 */
final class ConfigRoutes {

    static final int DEFAULT_HISTORY = 100;
    static final int MAX_HISTORY = 1_000;
    private static final String KEY_PATH = "/system/config/{namespace}/{key}";

    private final ConfigRegistry registry;
    private final ConfigSnapshot snapshot;
    private final SecretDetector secrets;
    private final Freeze freeze;

    ConfigRoutes(ConfigRegistry registry, ConfigSnapshot snapshot, SecretDetector secrets, Freeze freeze) {
        this.registry = registry;
        this.snapshot = snapshot;
        this.secrets = secrets;
        this.freeze = freeze;
    }

    void register(Routes routes) {
        routes.get("/api/config/{namespace}", Scope.READ,
                "A namespace's current configuration values, for services (from memory; ETag, If-None-Match → 304)", this::serve);
        routes.get("/system/config", Scope.READ, "List configuration keys with their current values (?namespace=)", this::list);
        routes.get(KEY_PATH, Scope.READ, "A configuration key with its version history (ETag)", this::show);
        routes.put(KEY_PATH, Scope.ADMIN, "Create (If-None-Match: *) or update (If-Match) a configuration key", this::put);
        routes.delete(KEY_PATH, Scope.ADMIN, "Delete a configuration key (If-Match; ?reason=); its history stays", this::delete);
        routes.post(KEY_PATH + "/rollback", Scope.ADMIN,
                "Roll a configuration key back to an earlier version, as a new version (If-Match)", this::rollback);
    }

    private void serve(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        List<FieldError> errors = new ArrayList<>();
        ConfigKey.validate(namespace, null, errors);
        ConfigRequests.fail(errors);
        ConfigSnapshot.View view = snapshot.view(namespace);
        ctx.header("ETag", view.etag());
        ctx.header("Cache-Control", "no-cache");
        if (notModified(ctx, view.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(view.body());
    }

    private void list(Context ctx, Handle handle) {
        String namespace = ctx.queryParam("namespace");
        ConfigStore store = new ConfigStore(handle);
        List<ConfigEntry> entries;
        if (namespace == null) {
            entries = store.all();
        } else {
            List<FieldError> errors = new ArrayList<>();
            ConfigKey.validate(namespace, null, errors);
            ConfigRequests.fail(errors);
            entries = store.namespace(namespace);
        }
        ctx.json(Map.of("entries", entries));
    }

    private void show(Context ctx, Handle handle) {
        ConfigKey name = name(ctx);
        int limit = historyLimit(ctx.queryParam("history"));
        ConfigStore store = new ConfigStore(handle);
        ConfigEntry entry = store.find(name).orElseThrow(() -> ConfigRegistry.notFound(name));
        String etag = Preconditions.etag(entry.version());
        ctx.header("ETag", etag);
        if (notModified(ctx, etag)) {
            ctx.status(304);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entry", entry);
        body.put("history", store.history(name, limit));
        ctx.json(body);
    }

    private void put(Context ctx, Handle handle) {
        freeze.requireChangeAllowed(ctx, handle, "config.put");
        ConfigRequests.ValueChange body = RequestBody.json(ctx, ConfigRequests.ValueChange.class);
        ConfigRequests.Change change = ConfigRequests.change(ctx.pathParam("namespace"), ctx.pathParam("key"), body, secrets);
        Preconditions conditions = Preconditions.of(ctx);
        ConfigEntry written = registry.put(handle, name(ctx), change, conditions, AuditEntry.actor(ctx));
        ctx.header("ETag", Preconditions.etag(written.version()));
        // a write without If-Match can only have passed as a creation (If-None-Match: *)
        ctx.status(conditions.ifMatch() == null ? 201 : 200).json(written);
    }

    private void delete(Context ctx, Handle handle) {
        freeze.requireChangeAllowed(ctx, handle, "config.delete");
        ConfigKey name = name(ctx);
        String reason = ConfigRequests.reason(ctx.queryParam("reason"), secrets);
        registry.delete(handle, name, reason, Preconditions.of(ctx), AuditEntry.actor(ctx));
        ctx.status(204);
    }

    private void rollback(Context ctx, Handle handle) {
        freeze.requireChangeAllowed(ctx, handle, "config.rollback");
        ConfigRequests.RollbackRequest body = RequestBody.json(ctx, ConfigRequests.RollbackRequest.class);
        List<FieldError> errors = new ArrayList<>();
        long version = ConfigRequests.rollback(ctx.pathParam("namespace"), ctx.pathParam("key"), body, secrets, errors);
        ConfigRequests.fail(errors);
        ConfigEntry written = registry.rollback(handle, name(ctx), version, body.reason(), Preconditions.of(ctx),
                AuditEntry.actor(ctx));
        ctx.header("ETag", Preconditions.etag(written.version()));
        ctx.json(written);
    }

    private static ConfigKey name(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        String key = ctx.pathParam("key");
        List<FieldError> errors = new ArrayList<>();
        ConfigKey.validate(namespace, key, errors);
        ConfigRequests.fail(errors);
        return new ConfigKey(namespace, key);
    }

    private static int historyLimit(String given) {
        if (given == null) {
            return DEFAULT_HISTORY;
        }
        try {
            int limit = Integer.parseInt(given);
            if (limit >= 0 && limit <= MAX_HISTORY) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw ValidationException.of("history", "expected an integer from 0 to " + MAX_HISTORY);
    }

    /** Whether {@code If-None-Match} lists {@code etag} (weak comparison, RFC 9110 §13.1.2) or is {@code *}. */
    private static boolean notModified(Context ctx, String etag) {
        Preconditions.TagList ifNoneMatch = Preconditions.parse("If-None-Match", ctx.header("If-None-Match"));
        return ifNoneMatch != null && (ifNoneMatch.any()
                || ifNoneMatch.tags().stream().map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag).anyMatch(etag::equals));
    }
}
