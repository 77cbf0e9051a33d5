package dev.valhalla.server.audit;

import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail's HTTP API (admin scope: the trail shows every change made to the system):
 * {@code GET /system/audit} searches it, {@code GET /system/audit/verify} recomputes the hash chain
 * and names the first altered or missing entry. Writing is {@link AuditTrail#record}, called by the
 * features that make changes.
 */
public final class AuditFeature implements Feature {

    private final AuditTrail trail;

    /** The API over the entries {@code trail} writes. */
    public AuditFeature(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/system/audit", Scope.ADMIN,
                "Search the audit trail (actor, action, targetType, targetId, from, to, limit, beforeId)", this::search);
        routes.get("/system/audit/verify", Scope.ADMIN,
                "Recompute the audit hash chain and report the first altered entry", this::verify);
    }

    private void search(Context ctx, Handle handle) {
        AuditQuery query = AuditQuery.from(ctx);
        List<AuditRecord> entries = new AuditStore(handle).search(query);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("entries", entries);
        page.put("nextBeforeId", entries.size() == query.limit() ? entries.getLast().id() : null);
        ctx.json(page);
    }

    private void verify(Context ctx, Handle handle) {
        ctx.json(new AuditStore(handle).verify(trail.canonical()));
    }
}
