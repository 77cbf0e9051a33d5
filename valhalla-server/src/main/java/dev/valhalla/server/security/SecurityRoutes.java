package dev.valhalla.server.security;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /system/security/…}: policies, blocklist rules, honeypots and their hits, and the dashboard.
 * Reads need scope read, changes scope admin; every change is audited (see {@link SecurityAdmin}).
 */
final class SecurityRoutes {

    private static final String BASE = "/system/security";

    private final SecurityAdmin admin;
    private final Blocklist blocklist;
    private final HitLedger ledger;
    private final HoneypotRecorder honeypots;

    SecurityRoutes(SecurityAdmin admin, Blocklist blocklist, HitLedger ledger, HoneypotRecorder honeypots) {
        this.admin = admin;
        this.blocklist = blocklist;
        this.ledger = ledger;
        this.honeypots = honeypots;
    }

    void register(Routes routes) {
        routes.post(BASE + "/policies", Scope.ADMIN, "Create a security policy", this::createPolicy);
        routes.get(BASE + "/policies", Scope.READ, "List security policies", (ctx, handle) ->
                ctx.json(Map.of("policies", new SecurityStore(handle).policies())));
        routes.get(BASE + "/policies/{policyId}", Scope.READ, "Show a security policy", (ctx, handle) ->
                ctx.json(SecurityAdmin.policy(new SecurityStore(handle), id(ctx, "policyId"))));
        routes.patch(BASE + "/policies/{policyId}", Scope.ADMIN, "Enable, disable or describe a security policy",
                this::changePolicy);
        routes.delete(BASE + "/policies/{policyId}", Scope.ADMIN, "Delete a security policy and its rules", (ctx, handle) -> {
            admin.deletePolicy(handle, id(ctx, "policyId"), AuditEntry.actor(ctx));
            ctx.status(204);
        });
        routes.post(BASE + "/blocklist", Scope.ADMIN, "Add a blocklist rule", this::createRule);
        routes.get(BASE + "/blocklist", Scope.READ, "List blocklist rules; filter by policyId and active", this::listRules);
        routes.get(BASE + "/blocklist/{ruleId}", Scope.READ, "Show a blocklist rule", (ctx, handle) -> {
            long id = id(ctx, "ruleId");
            ctx.json(new SecurityStore(handle).rule(id).orElseThrow(() -> SecurityAdmin.ruleNotFound(id)));
        });
        routes.delete(BASE + "/blocklist/{ruleId}", Scope.ADMIN, "Remove a blocklist rule", (ctx, handle) -> {
            admin.deleteRule(handle, id(ctx, "ruleId"), AuditEntry.actor(ctx));
            ctx.status(204);
        });
        routes.post(BASE + "/honeypots", Scope.ADMIN, "Create a honeypot", this::createHoneypot);
        routes.get(BASE + "/honeypots", Scope.READ, "List honeypots", (ctx, handle) ->
                ctx.json(Map.of("honeypots", new SecurityStore(handle).honeypots())));
        routes.get(BASE + "/honeypots/hits", Scope.READ, "Recent honeypot hits; filter by honeypotId and address",
                this::listHits);
        routes.get(BASE + "/honeypots/{honeypotId}", Scope.READ, "Show a honeypot", (ctx, handle) -> {
            long id = id(ctx, "honeypotId");
            ctx.json(new SecurityStore(handle).honeypot(id).orElseThrow(() -> SecurityAdmin.honeypotNotFound(id)));
        });
        routes.delete(BASE + "/honeypots/{honeypotId}", Scope.ADMIN, "Delete a honeypot and its hits", (ctx, handle) -> {
            admin.deleteHoneypot(handle, id(ctx, "honeypotId"), AuditEntry.actor(ctx));
            ctx.status(204);
        });
        routes.get(BASE + "/dashboard", Scope.READ, "Blocked requests, top offenders, honeypot hits, active rules",
                this::dashboard);
    }

    private void createPolicy(Context ctx, Handle handle) {
        SecurityRequests.NewPolicy request = RequestBody.json(ctx, SecurityRequests.NewPolicy.class);
        ctx.status(201).json(admin.createPolicy(handle, request, AuditEntry.actor(ctx)));
    }

    private void changePolicy(Context ctx, Handle handle) {
        long id = id(ctx, "policyId");
        SecurityRequests.PolicyChange request = RequestBody.json(ctx, SecurityRequests.PolicyChange.class);
        ctx.json(admin.changePolicy(handle, id, request, AuditEntry.actor(ctx)));
    }

    private void createRule(Context ctx, Handle handle) {
        SecurityRequests.NewRule request = RequestBody.json(ctx, SecurityRequests.NewRule.class);
        ctx.status(201).json(admin.createRule(handle, request, AuditEntry.actor(ctx)));
    }

    private void listRules(Context ctx, Handle handle) {
        Long policyId = optionalLong(ctx, "policyId");
        String active = ctx.queryParam("active");
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw ValidationException.of("active", "true or false");
        }
        Instant now = admin.now();
        List<BlockRule> rules = new SecurityStore(handle).rules(policyId).stream()
                .filter(rule -> active == null || rule.activeAt(now) == Boolean.parseBoolean(active))
                .toList();
        ctx.json(Map.of("rules", rules));
    }

    private void createHoneypot(Context ctx, Handle handle) {
        SecurityRequests.NewHoneypot request = RequestBody.json(ctx, SecurityRequests.NewHoneypot.class);
        ctx.status(201).json(admin.createHoneypot(handle, request, AuditEntry.actor(ctx)));
    }

    private void listHits(Context ctx, Handle handle) {
        Long honeypotId = optionalLong(ctx, "honeypotId");
        String address = ctx.queryParam("address");
        if (address != null) {
            Optional<InetAddress> parsed = IpAddresses.parse(address);
            if (parsed.isEmpty()) {
                throw ValidationException.of("address", "not an IPv4 or IPv6 address");
            }
            address = IpAddresses.format(parsed.get());
        }
        Long limit = optionalLong(ctx, "limit");
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw ValidationException.of("limit", "1 to 1000");
        }
        ctx.json(Map.of("hits", new SecurityStore(handle).hits(honeypotId, address, limit == null ? 100 : limit.intValue())));
    }

    private void dashboard(Context ctx, Handle handle) {
        // this instance's counts first, so the dashboard includes them; other instances flush within a second
        ledger.flush();
        honeypots.writeQueued();
        SecurityStore store = new SecurityStore(handle);
        Instant now = admin.now();
        List<Map<String, Object>> byRule = new ArrayList<>();
        long blocked = 0;
        for (BlockRule rule : store.rules(null)) {
            blocked += rule.hitCount();
            if (rule.hitCount() > 0) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ruleId", rule.id());
                row.put("policyId", rule.policyId());
                row.put("kind", rule.kind());
                row.put("value", rule.value());
                row.put("hits", rule.hitCount());
                row.put("lastHitAt", rule.lastHitAt());
                row.put("active", rule.activeAt(now));
                byRule.add(row);
            }
        }
        byRule.sort((a, b) -> Long.compare((Long) b.get("hits"), (Long) a.get("hits")));
        List<Map<String, Object>> honeypotCounts = store.honeypotHitCounts(now.minusSeconds(24 * 3600));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("blocked", Map.of("total", blocked, "byRule", byRule.subList(0, Math.min(50, byRule.size()))));
        body.put("topOffenders", store.topOffenders(20));
        body.put("honeypotHits", Map.of("total", honeypotCounts.stream().mapToLong(row -> (Long) row.get("hits")).sum(),
                "byHoneypot", honeypotCounts, "droppedOnThisInstance", honeypots.dropped()));
        body.put("activeRules", blocklist.current().activeRules(now));
        body.put("policies", store.policies().stream().map(p -> Map.of("id", p.id(), "name", p.name(),
                "enabled", p.enabled(), "rules", p.rules())).toList());
        ctx.json(body);
    }

    private static long id(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the field named
        }
        throw new ValidationException(List.of(new FieldError(name, "must be a positive integer")));
    }

    private static Long optionalLong(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, "must be an integer");
        }
    }
}
