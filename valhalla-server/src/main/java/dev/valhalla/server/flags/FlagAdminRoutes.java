package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.maintenance.Freeze;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin API of flags and segments: reads need the read scope, writes the admin scope. Every write
 * honours the freeze switch, runs in one transaction (validation, write, audit, notification) and,
 * once committed, reloads this instance's snapshot at once (other instances reload on the
 * notification). An optional {@code ?reason=} is recorded in the audit trail.
 */
final class FlagAdminRoutes {

    static final int MAX_REASON = 500;
    static final int MAX_METRIC_HOURS = 24 * 31;

    private final Database database;
    private final FlagAdmin admin;
    private final FlagSnapshot snapshot;
    private final Freeze freeze;
    private final Clock clock;

    FlagAdminRoutes(Database database, FlagAdmin admin, FlagSnapshot snapshot, Freeze freeze, Clock clock) {
        this.database = database;
        this.admin = admin;
        this.snapshot = snapshot;
        this.freeze = freeze;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.get("/system/flags", Scope.READ, "List flags (?archived=true includes archived ones)", this::list);
        routes.add(Route.of("POST", "/system/flags", Scope.ADMIN, "Create a flag (validated; every error listed by JSON pointer)"),
                (Handler) ctx -> ctx.status(201).json(write(ctx, "flag.create",
                        body(ctx), (handle, body) -> admin.create(handle, body, AuditEntry.actor(ctx), reason(ctx)))));
        routes.add(Route.of("PUT", "/system/flags/import", Scope.ADMIN,
                        "Make the flags and segments equal to an Unleash client-features document, in one transaction"),
                (Handler) ctx -> ctx.json(write(ctx, "flag.import", body(ctx),
                        (handle, body) -> admin.importDocument(handle, body, AuditEntry.actor(ctx), reason(ctx)))));
        routes.get("/system/flags/{name}", Scope.READ, "A flag, live or archived", this::show);
        routes.add(Route.of("PUT", "/system/flags/{name}", Scope.ADMIN, "Replace a flag's definition (validated)"),
                (Handler) ctx -> ctx.json(write(ctx, "flag.update", body(ctx), (handle, body) ->
                        admin.update(handle, ctx.pathParam("name"), body, AuditEntry.actor(ctx), reason(ctx)))));
        routes.add(Route.of("DELETE", "/system/flags/{name}", Scope.ADMIN, "Archive a flag (kept, no longer served or evaluated)"),
                (Handler) ctx -> ctx.json(write(ctx, "flag.archive", null, (handle, body) ->
                        admin.archive(handle, ctx.pathParam("name"), AuditEntry.actor(ctx), reason(ctx)))));
        routes.get("/system/flags/{name}/metrics", Scope.READ,
                "Evaluation counts SDKs reported for a flag, per hour (?hours=, default 24)", this::metrics);
        routes.get("/system/segments", Scope.READ, "List flag segments", this::segments);
        routes.add(Route.of("POST", "/system/segments", Scope.ADMIN, "Create a segment (id optional)"),
                (Handler) ctx -> ctx.status(201).json(write(ctx, "segment.create", body(ctx),
                        (handle, body) -> admin.putSegment(handle, null, body, AuditEntry.actor(ctx), reason(ctx)))));
        routes.get("/system/segments/{id}", Scope.READ, "A segment", this::segment);
        routes.add(Route.of("PUT", "/system/segments/{id}", Scope.ADMIN, "Replace a segment's constraints"),
                (Handler) ctx -> ctx.json(write(ctx, "segment.update", body(ctx), (handle, body) ->
                        admin.putSegment(handle, segmentId(ctx), body, AuditEntry.actor(ctx), reason(ctx)))));
        routes.add(Route.of("DELETE", "/system/segments/{id}", Scope.ADMIN, "Delete a segment no live flag uses"),
                (Handler) ctx -> {
                    write(ctx, "segment.delete", null, (handle, body) -> {
                        admin.deleteSegment(handle, segmentId(ctx), AuditEntry.actor(ctx), reason(ctx));
                        return null;
                    });
                    ctx.status(204);
                });
    }

    @FunctionalInterface
    private interface Change<T> {
        T apply(Handle handle, JsonNode body);
    }

    /** One change: freeze check, the change, commit; then this instance's snapshot is reloaded. */
    private <T> T write(Context ctx, String change, JsonNode body, Change<T> work) {
        reason(ctx);
        T result = database.inTransaction(handle -> {
            freeze.requireChangeAllowed(ctx, handle, change);
            return work.apply(handle, body);
        });
        snapshot.reloadQuietly();
        return result;
    }

    private static JsonNode body(Context ctx) {
        return RequestBody.json(ctx, JsonNode.class);
    }

    private void list(Context ctx, Handle handle) {
        boolean archived = Boolean.parseBoolean(ctx.queryParam("archived"));
        ctx.json(Map.of("flags", new FlagStore(handle).flags(archived)));
    }

    private void show(Context ctx, Handle handle) {
        String name = ctx.pathParam("name");
        ctx.json(new FlagStore(handle).flag(name).orElseThrow(() -> new NotFoundException("No flag '" + name + "'")));
    }

    private void metrics(Context ctx, Handle handle) {
        String name = ctx.pathParam("name");
        new FlagStore(handle).flag(name).orElseThrow(() -> new NotFoundException("No flag '" + name + "'"));
        int hours = hours(ctx.queryParam("hours"));
        Instant since = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        List<ClientMetricsStore.HourCounts> counts = new ClientMetricsStore(handle).hours(name, since);
        long yes = counts.stream().mapToLong(ClientMetricsStore.HourCounts::yes).sum();
        long no = counts.stream().mapToLong(ClientMetricsStore.HourCounts::no).sum();
        Map<String, Long> variants = new TreeMap<>();
        counts.forEach(hour -> hour.variants().forEach((variant, count) -> variants.merge(variant, count, Long::sum)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flag", name);
        body.put("since", since);
        body.put("totals", new ClientMetricsStore.HourCounts(since, yes, no, variants));
        body.put("hours", counts);
        ctx.json(body);
    }

    private void segments(Context ctx, Handle handle) {
        ctx.json(Map.of("segments", new FlagStore(handle).segments()));
    }

    private void segment(Context ctx, Handle handle) {
        int id = segmentId(ctx);
        ctx.json(new FlagStore(handle).segment(id).orElseThrow(() -> new NotFoundException("No segment " + id)));
    }

    private static int segmentId(Context ctx) {
        String given = ctx.pathParam("id");
        if (!given.matches("[1-9]\\d{0,8}")) {
            throw new NotFoundException("No segment '" + (given.length() > 20 ? given.substring(0, 20) + "…" : given) + "'");
        }
        return Integer.parseInt(given);
    }

    private static int hours(String given) {
        if (given == null) {
            return 24;
        }
        if (!given.matches("\\d{1,4}") || Integer.parseInt(given) < 1 || Integer.parseInt(given) > MAX_METRIC_HOURS) {
            throw ValidationException.of("hours", "expected a whole number of hours from 1 to " + MAX_METRIC_HOURS);
        }
        return Integer.parseInt(given);
    }

    private static String reason(Context ctx) {
        String reason = ctx.queryParam("reason");
        if (reason != null && reason.length() > MAX_REASON) {
            throw ValidationException.of("reason", "at most " + MAX_REASON + " characters");
        }
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
