package dev.valhalla.server.maintenance;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.ConflictException;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /system/maintenance/state} (the manual state and freeze switch, with the state in force) and
 * {@code /system/maintenance} (scheduled windows), all admin scope; every change audited in its
 * transaction and announced to every instance.
 */
final class MaintenanceRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final MaintenanceShield shield;
    private final AuditTrail audit;

    MaintenanceRoutes(MaintenanceShield shield, AuditTrail audit) {
        this.shield = shield;
        this.audit = audit;
    }

    void register(Routes routes) {
        routes.get("/system/maintenance/state", Scope.ADMIN, "The maintenance state in force, the manual state and open windows", this::state);
        routes.put("/system/maintenance/state", Scope.ADMIN, "Set the manual maintenance state and the freeze switch", this::changeState);
        routes.get("/system/maintenance", Scope.ADMIN, "List maintenance windows, latest first", this::list);
        routes.post("/system/maintenance", Scope.ADMIN, "Schedule a maintenance window", this::create);
        routes.get("/system/maintenance/{id}", Scope.ADMIN, "Show a maintenance window", this::show);
        routes.put("/system/maintenance/{id}", Scope.ADMIN, "Change a maintenance window that has not ended", this::update);
        routes.delete("/system/maintenance/{id}", Scope.ADMIN, "Cancel a maintenance window (ends it at once if running)", this::delete);
    }

    private void state(Context ctx, Handle handle) {
        MaintenanceStore store = new MaintenanceStore(handle);
        Instant now = shield.now();
        MaintenanceSnapshot current = new MaintenanceSnapshot(store.configured(), store.openWindows());
        EffectiveState effective = current.effectiveAt(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effective", effective);
        body.put("retryAfterSeconds", effective.state() == MaintenanceState.NORMAL ? null : effective.retryAfter(now).toSeconds());
        body.put("configured", current.configured());
        body.put("openWindows", current.openWindows());
        body.put("now", now);
        ctx.json(body);
    }

    private void changeState(Context ctx, Handle handle) {
        MaintenanceRequests.StateChange request = RequestBody.json(ctx, MaintenanceRequests.StateChange.class);
        Instant now = shield.now();
        MaintenanceRequests.fail(request.errors(now));
        MaintenanceStore store = new MaintenanceStore(handle);
        ConfiguredState before = store.lockConfigured();
        String actor = AuditEntry.actor(ctx);
        ConfiguredState after = store.updateConfigured(new ConfiguredState(request.parsedState(),
                request.frozen() == null ? before.frozen() : request.frozen(), request.reason().strip(), request.expectedEnd(),
                actor, now));
        audit.record(handle, new AuditEntry(actor, "maintenance_state.update", "maintenance_state", "1", before, after,
                after.reason()));
        shield.changed(handle);
        ctx.json(after);
    }

    private void list(Context ctx, Handle handle) {
        int limit = limit(ctx.queryParam("limit"));
        ctx.json(Map.of("windows", new MaintenanceStore(handle).windows(limit)));
    }

    private void create(Context ctx, Handle handle) {
        MaintenanceRequests.Window request = RequestBody.json(ctx, MaintenanceRequests.Window.class);
        Instant now = shield.now();
        MaintenanceRequests.fail(request.errors(now));
        String actor = AuditEntry.actor(ctx);
        MaintenanceWindow created = new MaintenanceStore(handle).insertWindow(request, actor, now);
        audit.record(handle, new AuditEntry(actor, "maintenance_window.create", "maintenance_window",
                Long.toString(created.id()), null, created, created.reason()));
        shield.changed(handle);
        ctx.status(201).json(created);
    }

    private void show(Context ctx, Handle handle) {
        long id = id(ctx);
        ctx.json(new MaintenanceStore(handle).window(id).orElseThrow(() -> notFound(id)));
    }

    private void update(Context ctx, Handle handle) {
        long id = id(ctx);
        MaintenanceRequests.Window request = RequestBody.json(ctx, MaintenanceRequests.Window.class);
        Instant now = shield.now();
        MaintenanceRequests.fail(request.errors(now));
        MaintenanceStore store = new MaintenanceStore(handle);
        MaintenanceWindow before = store.lockWindow(id).orElseThrow(() -> notFound(id));
        if (before.endedAt() != null) {
            throw new ConflictException(MaintenanceErrorCode.MAINTENANCE_WINDOW_ENDED,
                    "Maintenance window " + id + " ended at " + before.endedAt() + "; schedule a new one");
        }
        MaintenanceWindow after = store.updateWindow(id, request);
        audit.record(handle, new AuditEntry(AuditEntry.actor(ctx), "maintenance_window.update", "maintenance_window",
                Long.toString(id), before, after, after.reason()));
        shield.changed(handle);
        ctx.json(after);
    }

    private void delete(Context ctx, Handle handle) {
        long id = id(ctx);
        MaintenanceStore store = new MaintenanceStore(handle);
        MaintenanceWindow before = store.lockWindow(id).orElseThrow(() -> notFound(id));
        store.deleteWindow(id);
        audit.record(handle, new AuditEntry(AuditEntry.actor(ctx), "maintenance_window.delete", "maintenance_window",
                Long.toString(id), before, null, ctx.queryParam("reason")));
        shield.changed(handle);
        ctx.status(204);
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not a number: no such window
        }
        throw notFound(raw);
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ValidationException.of("limit", "an integer from 1 to " + MAX_LIMIT);
    }

    private static NotFoundException notFound(Object id) {
        return new NotFoundException(MaintenanceErrorCode.MAINTENANCE_WINDOW_NOT_FOUND, "No maintenance window '" + id + "'");
    }
}
