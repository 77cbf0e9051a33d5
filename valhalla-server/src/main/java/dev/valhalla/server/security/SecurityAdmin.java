package dev.valhalla.server.security;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.ConflictException;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.events.ChangeNotifier;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;

/**
 * Every change to policies, rules and honeypots: written, audited and announced to every instance
 * ({@link Blocklist#TOPIC}) in the caller's transaction, so all three commit or roll back together;
 * this instance reloads right after the commit.
 * Thread-safe (stateless apart from its collaborators).
 */
final class SecurityAdmin {

    private final AuditTrail audit;
    private final ChangeNotifier changes;
    private final Clock clock;
    private final Runnable reloadLocally;

    /**
     * @param reloadLocally run after the commit of each change, so this instance enforces it before the
     *                      response is sent (the others reload when the notification arrives)
     */
    SecurityAdmin(AuditTrail audit, ChangeNotifier changes, Clock clock, Runnable reloadLocally) {
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
        this.reloadLocally = reloadLocally;
    }

    Instant now() {
        return clock.instant();
    }

    SecurityPolicy createPolicy(Handle handle, SecurityRequests.NewPolicy request, String actor) {
        SecurityStore store = new SecurityStore(handle);
        long id = store.insertPolicy(request, actor, now());
        if (id < 0) {
            throw new ConflictException(SecurityErrorCode.SECURITY_POLICY_EXISTS, "A security policy named '"
                    + request.name() + "' already exists");
        }
        SecurityPolicy created = store.policy(id).orElseThrow();
        changed(handle, new AuditEntry(actor, "security_policy.create", "security_policy", Long.toString(id), null, created, null));
        return created;
    }

    SecurityPolicy changePolicy(Handle handle, long id, SecurityRequests.PolicyChange change, String actor) {
        SecurityStore store = new SecurityStore(handle);
        SecurityPolicy before = policy(store, id);
        store.updatePolicy(id, change.description() == null ? before.description() : change.description(),
                change.enabled() == null ? before.enabled() : change.enabled(), now());
        SecurityPolicy after = store.policy(id).orElseThrow();
        changed(handle, new AuditEntry(actor, "security_policy.update", "security_policy", Long.toString(id), before, after, null));
        return after;
    }

    void deletePolicy(Handle handle, long id, String actor) {
        SecurityStore store = new SecurityStore(handle);
        SecurityPolicy before = policy(store, id);
        if (before.name().equals(SecurityPolicy.HONEYPOT)) {
            throw new ConflictException(SecurityErrorCode.SECURITY_POLICY_PROTECTED,
                    "The honeypot policy holds automatic blocks and cannot be deleted; disable it instead");
        }
        store.deletePolicy(id);
        changed(handle, new AuditEntry(actor, "security_policy.delete", "security_policy", Long.toString(id), before, null, null));
    }

    BlockRule createRule(Handle handle, SecurityRequests.NewRule request, String actor) {
        SecurityStore store = new SecurityStore(handle);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now())) {
            throw ValidationException.of("expiresAt", "must be in the future");
        }
        if (store.policy(request.policyId()).isEmpty()) {
            throw ValidationException.of("policyId", "no security policy with id " + request.policyId());
        }
        BlockRule created = store.insertRule(request.policyId(), request.ruleKind(), request.value(), request.reason(),
                request.expiresAt(), actor, now());
        changed(handle, new AuditEntry(actor, "security_rule.create", "security_rule", Long.toString(created.id()), null,
                created, request.reason()));
        return created;
    }

    void deleteRule(Handle handle, long id, String actor) {
        SecurityStore store = new SecurityStore(handle);
        BlockRule before = store.rule(id).orElseThrow(() -> ruleNotFound(id));
        store.deleteRule(id);
        changed(handle, new AuditEntry(actor, "security_rule.delete", "security_rule", Long.toString(id), before, null, null));
    }

    /**
     * Blocks {@code address} in the honeypot policy until {@code expiresAt}, as {@code system}, unless an
     * active block of it exists already. Returns whether a rule was created.
     */
    boolean blockHoneypotSource(Handle handle, Honeypot honeypot, String address, long hits) {
        SecurityStore store = new SecurityStore(handle);
        SecurityPolicy policy = store.policyNamed(SecurityPolicy.HONEYPOT).orElseThrow(() ->
                new IllegalStateException("the honeypot policy is missing"));
        Instant now = now();
        RuleKind kind = RuleKind.IP;
        if (store.activeRuleExists(policy.id(), kind, address, now)) {
            return false;
        }
        String reason = hits + " honeypot hits on " + honeypot.method() + " " + honeypot.path() + " within "
                + honeypot.windowSeconds() + " s";
        BlockRule created = store.insertRule(policy.id(), kind, address, reason,
                now.plusSeconds(honeypot.blockSeconds()), AuditEntry.SYSTEM, now);
        changed(handle, new AuditEntry(AuditEntry.SYSTEM, "security_rule.create", "security_rule",
                Long.toString(created.id()), null, created, reason));
        return true;
    }

    Honeypot createHoneypot(Handle handle, SecurityRequests.NewHoneypot request, String actor) {
        Honeypot created = new SecurityStore(handle).insertHoneypot(request, actor, now()).orElseThrow(() ->
                new ConflictException(SecurityErrorCode.HONEYPOT_EXISTS, "A honeypot on " + request.method() + " "
                        + request.path() + " already exists"));
        changed(handle, new AuditEntry(actor, "honeypot.create", "honeypot", Long.toString(created.id()), null, created, null));
        return created;
    }

    void deleteHoneypot(Handle handle, long id, String actor) {
        SecurityStore store = new SecurityStore(handle);
        Honeypot before = store.honeypot(id).orElseThrow(() -> honeypotNotFound(id));
        store.deleteHoneypot(id);
        changed(handle, new AuditEntry(actor, "honeypot.delete", "honeypot", Long.toString(id), before, null, null));
    }

    private void changed(Handle handle, AuditEntry entry) {
        audit.record(handle, entry);
        changes.publish(handle, Blocklist.TOPIC);
        handle.afterCommit(reloadLocally);
    }

    static SecurityPolicy policy(SecurityStore store, long id) {
        return store.policy(id).orElseThrow(() -> new NotFoundException(SecurityErrorCode.SECURITY_POLICY_NOT_FOUND,
                "No security policy with id " + id));
    }

    static NotFoundException ruleNotFound(long id) {
        return new NotFoundException(SecurityErrorCode.SECURITY_RULE_NOT_FOUND, "No blocklist rule with id " + id);
    }

    static NotFoundException honeypotNotFound(long id) {
        return new NotFoundException(SecurityErrorCode.HONEYPOT_NOT_FOUND, "No honeypot with id " + id);
    }
}
