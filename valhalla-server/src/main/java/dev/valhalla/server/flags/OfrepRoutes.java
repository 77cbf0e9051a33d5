package dev.valhalla.server.flags;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import dev.valhalla.server.governance.KillSwitch;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;

/**
 * OpenFeature's remote evaluation protocol (OFREP) over the in-memory flags, read scope:
 * {@code POST /ofrep/v1/evaluate/flags/{key}} and the bulk {@code POST /ofrep/v1/evaluate/flags}
 * (with {@code ETag} / {@code If-None-Match} → 304). The request context maps to the Unleash
 * context as {@link OfrepContext} says.
 *
 * <p>Values: a flag without variants yields a boolean (variant {@code on} or {@code off}). A flag
 * whose evaluation selects a variant yields the variant's payload: {@code string} and {@code csv}
 * as a string, {@code number} as a number, {@code json} as the parsed JSON; without a payload, the
 * variant name as a string. A flag that is off yields {@code false} (variant {@code off}, or
 * {@code disabled} when switched off), so typed callers of a variant flag get their default.
 *
 * <p>Reasons: {@code DISABLED} when the flag is switched off or the kill switch is engaged (then
 * every flag is {@code false}, whatever it says); {@code DEFAULT} when it is on but no strategy
 * matched; {@code SPLIT} when a variant was selected, or when every strategy is a percentage rollout;
 * {@code STATIC} when no strategy has a condition (none, or {@code default} / 100% rollouts without
 * constraints or segments); {@code TARGETING_MATCH} otherwise.
 *
 * <p>Errors, OFREP's shapes and codes: {@code FLAG_NOT_FOUND} (404), {@code PARSE_ERROR} (400, body not
 * a JSON object), {@code INVALID_CONTEXT} (400, context not an object or holding a nested value),
 * {@code TARGETING_KEY_MISSING} (400, the flag is on and depends on the user id, which the context
 * lacks; in bulk it is that flag's entry), {@code GENERAL} (500).
 */
final class OfrepRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OfrepRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FlagSnapshot snapshot;
    private final KillSwitch killSwitch;

    OfrepRoutes(FlagSnapshot snapshot, KillSwitch killSwitch) {
        this.snapshot = snapshot;
        this.killSwitch = killSwitch;
    }

    void register(Routes routes) {
        routes.add(Route.of("POST", "/ofrep/v1/evaluate/flags/{key}", Scope.READ,
                "OFREP: evaluate one flag for a context").withWrites(false), (Handler) this::single);
        routes.add(Route.of("POST", "/ofrep/v1/evaluate/flags", Scope.READ,
                "OFREP: evaluate every flag for a context (ETag, If-None-Match → 304)").withWrites(false), (Handler) this::bulk);
    }

    private void single(Context ctx) {
        String key = ctx.pathParam("key");
        ObjectNode result;
        try {
            result = evaluate(key, OfrepContext.parse(ctx.bodyAsBytes()));
        } catch (OfrepContext.Refused refused) {
            result = failure(key, refused.errorCode(), refused.getMessage());
        } catch (RuntimeException e) {
            LOG.error("OFREP evaluation of '{}' failed", key, e);
            respond(ctx, 500, NODES.objectNode().put("errorCode", "GENERAL").put("errorDetails", "evaluation failed"));
            return;
        }
        String errorCode = result.path("errorCode").asText(null);
        int status = errorCode == null ? 200 : errorCode.equals("FLAG_NOT_FOUND") ? 404 : 400;
        respond(ctx, status, result);
    }

    private void bulk(Context ctx) {
        EvaluationContext context;
        try {
            context = OfrepContext.parse(ctx.bodyAsBytes());
        } catch (OfrepContext.Refused refused) {
            respond(ctx, 400, NODES.objectNode().put("errorCode", refused.errorCode()).put("errorDetails", refused.getMessage()));
            return;
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode flags = body.putArray("flags");
        try {
            for (String name : snapshot.evaluator().state().flagNames()) {
                flags.add(evaluate(name, context));
            }
        } catch (RuntimeException e) {
            LOG.error("OFREP bulk evaluation failed", e);
            respond(ctx, 500, NODES.objectNode().put("errorCode", "GENERAL").put("errorDetails", "evaluation failed"));
            return;
        }
        String text = body.toString();
        String etag = FlagSnapshot.etag(text);
        ctx.header("ETag", etag);
        if (FlagSnapshot.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType("application/json").result(text);
    }

    private ObjectNode evaluate(String key, EvaluationContext context) {
        FlagEvaluator evaluator = snapshot.evaluator();
        Flag flag = evaluator.state().flag(key).orElse(null);
        if (flag == null) {
            return failure(key, "FLAG_NOT_FOUND", "No flag '" + key + "'");
        }
        if (killSwitch.engaged() || !flag.enabled()) {
            return success(key, NODES.booleanNode(false), "disabled", "DISABLED");
        }
        if (context.userId() == null && needsUserId(flag)) {
            return failure(key, "TARGETING_KEY_MISSING", "Flag '" + key + "' rolls out by user id; send context.targetingKey");
        }
        Evaluation evaluation = evaluator.evaluate(key, context);
        if (evaluation.variant().enabled()) {
            return success(key, value(evaluation.variant()), evaluation.variant().name(), "SPLIT");
        }
        if (evaluation.enabled()) {
            return success(key, NODES.booleanNode(true), "on", reason(flag));
        }
        return success(key, NODES.booleanNode(false), "off", "DEFAULT");
    }

    private static ObjectNode success(String key, JsonNode value, String variant, String reason) {
        ObjectNode node = NODES.objectNode();
        node.put("key", key);
        node.set("value", value);
        node.put("variant", variant);
        node.put("reason", reason);
        node.putObject("metadata");
        return node;
    }

    private static ObjectNode failure(String key, String errorCode, String details) {
        return NODES.objectNode().put("key", key).put("errorCode", errorCode).put("errorDetails", details);
    }

    private static JsonNode value(Variant variant) {
        Payload payload = variant.payload();
        if (payload == null) {
            return NODES.textNode(variant.name());
        }
        return switch (payload.type()) {
            case "number" -> {
                Double number = ConstraintRules.parseNumber(payload.value());
                yield number == null ? NODES.textNode(payload.value()) : NODES.numberNode(new BigDecimal(payload.value().trim()));
            }
            case "json" -> {
                try {
                    yield JSON.readTree(payload.value());
                } catch (JacksonException e) {
                    yield NODES.textNode(payload.value());
                }
            }
            default -> NODES.textNode(payload.value());
        };
    }

    private static boolean needsUserId(Flag flag) {
        return flag.strategies().stream().anyMatch(strategy -> switch (strategy.name()) {
            case "userWithId", "gradualRolloutUserId" -> true;
            case "flexibleRollout" -> "userId".equals(strategy.parameters().get("stickiness"));
            default -> false;
        });
    }

    private static String reason(Flag flag) {
        if (flag.strategies().stream().allMatch(OfrepRoutes::unconditional)) {
            return "STATIC";
        }
        boolean allRollouts = flag.strategies().stream().allMatch(strategy -> strategy.constraints().isEmpty()
                && strategy.segments().isEmpty() && switch (strategy.name()) {
                    case "gradualRolloutUserId", "gradualRolloutSessionId", "gradualRolloutRandom", "flexibleRollout" -> true;
                    default -> false;
                });
        return allRollouts ? "SPLIT" : "TARGETING_MATCH";
    }

    private static boolean unconditional(Strategy strategy) {
        if (!strategy.constraints().isEmpty() || !strategy.segments().isEmpty()) {
            return false;
        }
        return strategy.name().equals("default")
                || (strategy.name().equals("flexibleRollout") && "100".equals(strategy.parameters().get("rollout")));
    }

    private static void respond(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
