package dev.valhalla.server.audit;

import dev.valhalla.server.core.http.Correlation;
import org.jdbi.v3.core.Handle;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Writes audit entries into the hash-chained audit trail. Extension point for every feature that
 * changes state: call {@link #record} with the request's {@link Handle} (the
 * {@link dev.valhalla.server.core.http.TransactionalHandler}'s second argument, i.e.
 * {@link dev.valhalla.server.core.db.UnitOfWork#handle()}) right where the change is made, so the entry
 * commits or rolls back with the change.
 *
 * <p>Each row stores {@code row_hash = sha256(previous_hash || canonical row content)}. Writers are
 * serialized by a row lock on the chain head ({@code SELECT … FOR UPDATE} on {@code audit_chain_head}),
 * held until the change's transaction ends, so concurrent changes never fork the chain and ids are
 * gapless. The correlation id is taken from the SLF4J MDC of the request thread. Thread-safe: one
 * instance is shared by all features.
 */
public final class AuditTrail {

    private final Clock clock;
    private final CanonicalJson canonical = new CanonicalJson();

    /** A trail stamping entries with {@code clock}'s time. */
    public AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends {@code entry} to the trail inside {@code handle}'s open transaction.
     *
     * @param handle the Jdbi handle of the unit of work that makes the change; must be in a transaction
     * @throws IllegalStateException when {@code handle} is not in a transaction (an entry committed
     *         apart from its change could outlive a rolled-back change)
     */
    public void record(Handle handle, AuditEntry entry) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("audit entries must be written in the transaction of the change");
        }
        ChainHead head = handle.createQuery("SELECT last_entry_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .map((rs, ctx) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .one();
        AuditRow row = new AuditRow(head.lastEntryId() + 1, clock.instant().truncatedTo(ChronoUnit.MICROS),
                entry.actor(), entry.action(), entry.targetType(), entry.targetId(),
                canonical.fromValue(entry.before()), canonical.fromValue(entry.after()), entry.reason(),
                MDC.get(Correlation.MDC_KEY), head.lastHash());
        String hash = AuditChain.hash(canonical, row);
        handle.createUpdate("""
                        INSERT INTO audit_entry (id, occurred_at, actor, action, target_type, target_id,
                                                 before_state, after_state, reason, correlation_id, previous_hash, row_hash)
                        VALUES (:id, :at, :actor, :action, :targetType, :targetId,
                                CAST(:before AS jsonb), CAST(:after AS jsonb), :reason, :correlationId, :previousHash, :rowHash)
                        """)
                .bind("id", row.id())
                .bind("at", OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC))
                .bind("actor", row.actor())
                .bind("action", row.action())
                .bind("targetType", row.targetType())
                .bind("targetId", row.targetId())
                .bind("before", row.before())
                .bind("after", row.after())
                .bind("reason", row.reason())
                .bind("correlationId", row.correlationId())
                .bind("previousHash", row.previousHash())
                .bind("rowHash", hash)
                .execute();
        handle.createUpdate("UPDATE audit_chain_head SET last_entry_id = :id, last_hash = :hash WHERE id = 1")
                .bind("id", row.id())
                .bind("hash", hash)
                .execute();
    }

    CanonicalJson canonical() {
        return canonical;
    }

    private record ChainHead(long lastEntryId, String lastHash) {
    }
}
