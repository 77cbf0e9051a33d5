package dev.valhalla.server.security;

import java.time.Instant;

/**
 * One blocklist rule.
 *
 * @param id        database id
 * @param policyId  the policy it belongs to
 * @param kind      wire name of its {@link RuleKind}
 * @param value     canonical value (address, CIDR, key id, client id, regex or path prefix)
 * @param reason    why it exists
 * @param createdAt when it was created
 * @param createdBy who created it ({@code system} for honeypot blocks)
 * @param expiresAt when it stops matching; null = never
 * @param hitCount  requests it refused, as flushed to the database
 * @param lastHitAt last refused request, as flushed
 */
record BlockRule(long id, long policyId, String kind, String value, String reason, Instant createdAt, String createdBy,
                 Instant expiresAt, long hitCount, Instant lastHitAt) {

    /** Whether it still matches at {@code now}: an expiry is exclusive. */
    boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
