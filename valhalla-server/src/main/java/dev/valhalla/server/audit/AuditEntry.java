package dev.valhalla.server.audit;

import dev.valhalla.server.core.http.Principal;
import io.javalin.http.Context;

import java.util.Objects;

/**
 * One change to record in the audit trail. {@code before} and {@code after} are any values Jackson can
 * serialize (records, maps, {@code JsonNode}); {@code null} when the target did not exist before
 * (create) or does not exist after (delete). Never put secrets in them: the trail is readable by admins
 * and kept forever.
 *
 * @param actor      who made the change: {@link #actor(Context)} for requests, {@code system} for the
 *                   server itself
 * @param action     what was done, dotted lower case, e.g. {@code api_key.revoke}, {@code go_live.enable}
 * @param targetType kind of thing changed, e.g. {@code api_key}
 * @param targetId   id of the thing changed
 * @param before     state before the change, or null
 * @param after      state after the change, or null
 * @param reason     why, as the caller gave it; may be null
 */
public record AuditEntry(String actor, String action, String targetType, String targetId, Object before,
                         Object after, String reason) {

    /** The actor of changes the server makes on its own (bootstrap, seeding, workers). */
    public static final String SYSTEM = "system";

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
    }

    /**
     * The actor of the current request: {@code <client id>/<key id>} of the authenticated API key, e.g.
     * {@code admin/Ab3dE5fG}, or {@code anonymous} on a public route.
     */
    public static String actor(Context ctx) {
        return Principal.of(ctx).map(principal -> principal.clientId() + "/" + principal.keyId()).orElse("anonymous");
    }
}
