package dev.valhalla.server.maintenance;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.http.Principal;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The freeze switch as configuration-changing routes see it (flags, config, rate limits …). Extension
 * point: call {@link #requireChangeAllowed(Context, Handle, String)} first thing in the handler of every
 * route that changes configuration, with the request's handle. While frozen it refuses with 423
 * {@code CONFIGURATION_FROZEN}, unless the caller holds the admin scope and gives a break-glass reason in
 * the {@value #BREAK_GLASS_HEADER} header (or passes one from its body to
 * {@link #requireChangeAllowed(Context, Handle, String, Optional)}); a break-glass is audited in the
 * change's own transaction. The frozen flag is read from the database under a share lock in that
 * transaction, so a change and a concurrent freeze never both pass. Thread-safe.
 */
public final class Freeze {

    /** The header carrying a break-glass reason. */
    public static final String BREAK_GLASS_HEADER = "X-Break-Glass-Reason";

    private final MaintenanceShield shield;
    private final AuditTrail audit;

    Freeze(MaintenanceShield shield, AuditTrail audit) {
        this.shield = shield;
        this.audit = audit;
    }

    /** Whether configuration is frozen, from memory (for overviews; changes use {@link #requireChangeAllowed}). */
    public boolean frozen() {
        return shield.frozen();
    }

    /**
     * Returns when the configuration change may proceed; the break-glass reason is taken from the
     * {@value #BREAK_GLASS_HEADER} header.
     *
     * @param handle the handle of the transaction making the change
     * @param change what is being changed, dotted, e.g. {@code rate_limit.update} (recorded on break-glass)
     * @throws dev.valhalla.server.core.error.ValhallaException 423 while frozen without a valid break-glass,
     *         422 when the reason is too long
     */
    public void requireChangeAllowed(Context ctx, Handle handle, String change) {
        requireChangeAllowed(ctx, handle, change, Optional.empty());
    }

    /**
     * As {@link #requireChangeAllowed(Context, Handle, String)}, with a break-glass reason taken from the
     * request body when the header is absent.
     */
    public void requireChangeAllowed(Context ctx, Handle handle, String change, Optional<String> bodyReason) {
        if (!new MaintenanceStore(handle).frozenForShare()) {
            return;
        }
        Optional<String> reason = Optional.ofNullable(ctx.header(BREAK_GLASS_HEADER)).or(() -> bodyReason)
                .map(String::strip).filter(text -> !text.isEmpty());
        if (reason.isEmpty()) {
            throw new ConfigurationFrozenException("Configuration is frozen; an admin may break glass with the "
                    + BREAK_GLASS_HEADER + " header giving the reason");
        }
        if (reason.get().length() > MaintenanceRequests.MAX_REASON) {
            throw ValidationException.of(BREAK_GLASS_HEADER, "at most " + MaintenanceRequests.MAX_REASON + " characters");
        }
        boolean admin = Principal.of(ctx).map(caller -> caller.allows(Scope.ADMIN)).orElse(false);
        if (!admin) {
            throw new ConfigurationFrozenException("Configuration is frozen; only a caller with the admin scope may break glass");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("change", change);
        after.put("method", ctx.req().getMethod());
        after.put("path", ctx.path());
        audit.record(handle, new AuditEntry(AuditEntry.actor(ctx), "freeze.break_glass", "maintenance_state", "1",
                null, after, reason.get()));
    }
}
