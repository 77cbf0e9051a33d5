package dev.valhalla.server.ratelimit;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.ConflictException;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.maintenance.Freeze;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /system/rate-limits}: admin scope; writes are configuration changes (refused while frozen
 * unless by break-glass), audited in their transaction and announced to every instance.
 */
final class RateLimitRoutes {

    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final ChangeNotifier changes;
    private final Freeze freeze;
    private final RateLimitSettings settings;

    RateLimitRoutes(RateLimiter limiter, AuditTrail audit, ChangeNotifier changes, Freeze freeze, RateLimitSettings settings) {
        this.limiter = limiter;
        this.audit = audit;
        this.changes = changes;
        this.freeze = freeze;
        this.settings = settings;
    }

    void register(Routes routes) {
        routes.get("/system/rate-limits", Scope.ADMIN, "List rate-limit and quota policies", this::list);
        routes.post("/system/rate-limits", Scope.ADMIN, "Create a rate-limit or quota policy", this::create);
        routes.get("/system/rate-limits/{name}", Scope.ADMIN, "Show a rate-limit or quota policy", this::show);
        routes.put("/system/rate-limits/{name}", Scope.ADMIN, "Replace a rate-limit or quota policy", this::update);
        routes.delete("/system/rate-limits/{name}", Scope.ADMIN, "Delete a rate-limit or quota policy and its counters", this::delete);
    }

    private void list(Context ctx, Handle handle) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", settings.mode().name().toLowerCase(java.util.Locale.ROOT));
        body.put("rejections", limiter.rejections());
        body.put("policies", new RateLimitStore(handle).policies());
        ctx.json(body);
    }

    private void create(Context ctx, Handle handle) {
        PolicyRequest request = RequestBody.json(ctx, PolicyRequest.class);
        if (request.name() == null) {
            throw ValidationException.of("name", "required");
        }
        freeze.requireChangeAllowed(ctx, handle, "rate_limit.create");
        String actor = AuditEntry.actor(ctx);
        RateLimitPolicy created = new RateLimitStore(handle).insert(request.name(), request, actor, limiter.now())
                .orElseThrow(() -> new ConflictException(RateLimitErrorCode.RATE_LIMIT_POLICY_EXISTS,
                        "A rate-limit policy named '" + request.name() + "' exists; replace it with PUT"));
        audit.record(handle, new AuditEntry(actor, "rate_limit.create", "rate_limit_policy", created.name(), null, created, null));
        announce(handle);
        ctx.status(201).json(created);
    }

    private void show(Context ctx, Handle handle) {
        String name = ctx.pathParam("name");
        ctx.json(new RateLimitStore(handle).policy(name).orElseThrow(() -> notFound(name)));
    }

    private void update(Context ctx, Handle handle) {
        String name = ctx.pathParam("name");
        PolicyRequest request = RequestBody.json(ctx, PolicyRequest.class);
        if (request.name() != null && !request.name().equals(name)) {
            throw ValidationException.of("name", "must be absent or '" + name + "' (policies cannot be renamed)");
        }
        freeze.requireChangeAllowed(ctx, handle, "rate_limit.update");
        RateLimitStore store = new RateLimitStore(handle);
        RateLimitPolicy before = store.lockPolicy(name).orElseThrow(() -> notFound(name));
        RateLimitPolicy after = store.update(name, request, limiter.now());
        audit.record(handle, new AuditEntry(AuditEntry.actor(ctx), "rate_limit.update", "rate_limit_policy", name, before, after, null));
        announce(handle);
        ctx.json(after);
    }

    private void delete(Context ctx, Handle handle) {
        String name = ctx.pathParam("name");
        freeze.requireChangeAllowed(ctx, handle, "rate_limit.delete");
        RateLimitStore store = new RateLimitStore(handle);
        RateLimitPolicy before = store.lockPolicy(name).orElseThrow(() -> notFound(name));
        store.delete(name);
        audit.record(handle, new AuditEntry(AuditEntry.actor(ctx), "rate_limit.delete", "rate_limit_policy", name, before, null, null));
        announce(handle);
        ctx.status(204);
    }

    private void announce(Handle handle) {
        changes.publish(handle, RateLimiter.TOPIC);
        handle.afterCommit(limiter::reloadQuietly);
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException(RateLimitErrorCode.RATE_LIMIT_POLICY_NOT_FOUND, "No rate-limit policy '" + name + "'");
    }
}
