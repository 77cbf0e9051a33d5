package dev.valhalla.server.audit;

import dev.valhalla.server.core.error.ConflictException;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only routes that write audit entries through the public {@link AuditTrail} API the way any
 * feature does: one whose change fails after its audit entry was written, and one whose before/after
 * values are awkward JSON (numbers {@code jsonb} prints differently, unsorted keys, escapes).
 */
final class AuditProbeFeature implements Feature {

    private final AuditTrail trail = new AuditTrail(Clock.systemUTC());

    @Override
    public void register(Routes routes) {
        routes.post("/test/audit/fail-after-audit", Scope.PUBLIC, "Audit a change, make it, then fail", (ctx, handle) -> {
            handle.createUpdate("INSERT INTO audit_probe (note) VALUES ('written')").execute();
            trail.record(handle, new AuditEntry("probe", "probe.fail", "probe", "1", null, Map.of("note", "written"), "test"));
            throw new ConflictException("the change failed after its audit entry was written");
        });
        routes.post("/test/audit/awkward-json", Scope.PUBLIC, "Audit awkward JSON values", (ctx, handle) -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("zeta", 1e20);
            after.put("alpha", new BigDecimal("1.50"));
            after.put("small", 0.1);
            after.put("negative", -0.0);
            after.put("big", new BigDecimal("123456789012345678901234567890.000"));
            after.put("text", "quote \" backslash \\ tab \t unicode é 日本 \u2028 emoji 😀");
            after.put("nested", Map.of("b", List.of(3, 2.50, Map.of("y", true, "x", false)), "a", Map.of()));
            after.put("nothing", null);
            trail.record(handle, new AuditEntry("probe", "probe.awkward", "probe", "2", List.of(), after, null));
            ctx.status(204);
        });
    }
}
