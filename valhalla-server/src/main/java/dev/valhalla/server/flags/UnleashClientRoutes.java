package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.governance.KillSwitch;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Unleash client API for the official SDKs (read scope): {@code GET /api/client/features} served
 * from memory with {@code ETag} / {@code If-None-Match} → 304 (while the kill switch is engaged,
 * every flag {@code enabled: false}); {@code POST /api/client/register} (the instance is recorded)
 * and {@code POST /api/client/metrics} (counts added per flag, hour and application), both 202.
 */
final class UnleashClientRoutes {

    static final int MAX_TOGGLES = 10_000;
    static final int MAX_TEXT = 255;

    private final FlagSnapshot snapshot;
    private final KillSwitch killSwitch;
    private final Clock clock;

    UnleashClientRoutes(FlagSnapshot snapshot, KillSwitch killSwitch, Clock clock) {
        this.snapshot = snapshot;
        this.killSwitch = killSwitch;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.get("/api/client/features", Scope.READ,
                "Unleash client API: every live flag and segment (from memory; ETag, If-None-Match → 304)",
                (Handler) this::features);
        routes.add(Route.of("POST", "/api/client/register", Scope.READ, "Unleash client API: an SDK instance registers"),
                this::registration);
        routes.add(Route.of("POST", "/api/client/metrics", Scope.READ,
                "Unleash client API: an SDK reports evaluation counts (stored per flag and hour)"), this::metrics);
    }

    private void features(Context ctx) {
        boolean killed = killSwitch.engaged();
        String namePrefix = ctx.queryParam("namePrefix");
        String project = ctx.queryParam("project");
        String body;
        String etag;
        if (namePrefix == null && project == null) {
            FlagSnapshot.Documents documents = snapshot.documents();
            body = killed ? documents.killedBody() : documents.body();
            etag = killed ? documents.killedEtag() : documents.etag();
        } else {
            body = snapshot.filtered(namePrefix, project, killed);
            etag = FlagSnapshot.etag(body);
        }
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (FlagSnapshot.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(body);
    }

    private void registration(Context ctx, Handle handle) {
        JsonNode body = RequestBody.json(ctx, JsonNode.class);
        List<FieldError> errors = new ArrayList<>();
        String appName = text(body, "appName", true, errors);
        String instanceId = text(body, "instanceId", true, errors);
        String sdkVersion = text(body, "sdkVersion", false, errors);
        String environment = text(body, "environment", false, errors);
        Instant started = instant(body, "started", errors);
        JsonNode strategies = body.path("strategies");
        if (!strategies.isMissingNode() && !strategies.isNull() && !strategies.isArray()) {
            errors.add(new FieldError("/strategies", "must be an array of strategy names"));
        }
        JsonNode interval = body.path("interval");
        if (!interval.isMissingNode() && !interval.isNull() && !interval.canConvertToLong()) {
            errors.add(new FieldError("/interval", "must be a number of milliseconds"));
        }
        FlagValidationException.failOn(errors);
        new ClientMetricsStore(handle).register(new ClientMetricsStore.Registration(appName, instanceId, sdkVersion,
                environment, strategies.isArray() ? strategies : JsonNodeFactory.instance.arrayNode(), started,
                interval.canConvertToLong() ? interval.longValue() : null), clock.instant());
        ctx.status(202);
    }

    private void metrics(Context ctx, Handle handle) {
        JsonNode body = RequestBody.json(ctx, JsonNode.class);
        List<FieldError> errors = new ArrayList<>();
        String appName = text(body, "appName", true, errors);
        text(body, "instanceId", false, errors);
        JsonNode bucket = body.path("bucket");
        Map<String, ClientMetricsStore.ToggleCount> toggles = new LinkedHashMap<>();
        Instant start = null;
        if (!bucket.isObject()) {
            errors.add(new FieldError("/bucket", "is required: {start, stop, toggles}"));
        } else {
            start = instant(bucket, "start", errors);
            if (start == null && errors.stream().noneMatch(e -> e.field().equals("/bucket/start"))) {
                errors.add(new FieldError("/bucket/start", "is required"));
            }
            toggles(bucket.path("toggles"), toggles, errors);
        }
        FlagValidationException.failOn(errors);
        new ClientMetricsStore(handle).add(appName, start.truncatedTo(ChronoUnit.HOURS), toggles);
        ctx.status(202);
    }

    private static void toggles(JsonNode node, Map<String, ClientMetricsStore.ToggleCount> into, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError("/bucket/toggles", "must be an object of flag name to counts"));
            return;
        }
        if (node.size() > MAX_TOGGLES) {
            errors.add(new FieldError("/bucket/toggles", "at most " + MAX_TOGGLES + " flags per report"));
            return;
        }
        node.properties().forEach(entry -> {
            String at = "/bucket/toggles/" + ClientFeaturesReader.escape(entry.getKey());
            JsonNode counts = entry.getValue();
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_TEXT) {
                errors.add(new FieldError(at, "flag names are 1 to " + MAX_TEXT + " characters"));
            }
            long yes = count(counts.path("yes"), at + "/yes", errors);
            long no = count(counts.path("no"), at + "/no", errors);
            Map<String, Long> variants = new LinkedHashMap<>();
            JsonNode variantNode = counts.path("variants");
            if (variantNode.isObject()) {
                variantNode.properties().forEach(variant -> variants.put(variant.getKey(),
                        count(variant.getValue(), at + "/variants/" + ClientFeaturesReader.escape(variant.getKey()), errors)));
            } else if (!variantNode.isMissingNode() && !variantNode.isNull()) {
                errors.add(new FieldError(at + "/variants", "must be an object of variant name to count"));
            }
            into.put(entry.getKey(), new ClientMetricsStore.ToggleCount(yes, no, variants));
        });
    }

    private static long count(JsonNode node, String at, List<FieldError> errors) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
            errors.add(new FieldError(at, "must be a non-negative whole number"));
            return 0;
        }
        return node.longValue();
    }

    private static String text(JsonNode body, String field, boolean required, List<FieldError> errors) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                errors.add(new FieldError("/" + field, "is required"));
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > MAX_TEXT) {
            errors.add(new FieldError("/" + field, "must be a string of 1 to " + MAX_TEXT + " characters"));
            return null;
        }
        return node.textValue();
    }

    private static Instant instant(JsonNode parent, String field, List<FieldError> errors) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String pointer = (parent.has("toggles") ? "/bucket/" : "/") + field;
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer, "must be an RFC 3339 timestamp"));
            return null;
        }
    }
}
