package dev.valhalla.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.valhalla.server.core.http.JsonMapping;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The SQL of reading and verifying the audit trail; writing is {@link AuditTrail#record}. */
final class AuditStore {

    private static final String COLUMNS = """
            id, occurred_at, actor, action, target_type, target_id, before_state::text AS before_state,
            after_state::text AS after_state, reason, correlation_id, previous_hash, row_hash""";

    private final Handle handle;
    private final ObjectMapper json = JsonMapping.create();

    AuditStore(Handle handle) {
        this.handle = handle;
    }

    /** Entries matching {@code query}, newest first. */
    List<AuditRecord> search(AuditQuery query) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        where.add("TRUE");
        filter(where, bindings, "actor = :actor", "actor", query.actor());
        filter(where, bindings, "action = :action", "action", query.action());
        filter(where, bindings, "target_type = :targetType", "targetType", query.targetType());
        filter(where, bindings, "target_id = :targetId", "targetId", query.targetId());
        filter(where, bindings, "occurred_at >= :from", "from",
                query.from() == null ? null : OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        filter(where, bindings, "occurred_at < :to", "to",
                query.to() == null ? null : OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        filter(where, bindings, "id < :beforeId", "beforeId", query.beforeId());
        Query select = handle.createQuery("SELECT " + COLUMNS + " FROM audit_entry WHERE "
                + String.join(" AND ", where) + " ORDER BY id DESC LIMIT :limit");
        bindings.forEach(select::bind);
        return select.bind("limit", query.limit()).map((rs, ctx) -> record(rs)).list();
    }

    private static void filter(List<String> where, Map<String, Object> bindings, String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            bindings.put(name, value);
        }
    }

    /**
     * Recomputes the chain from the first entry up to the one the chain head names, in id order, and
     * stops at the first entry that is missing, out of place or does not match its hash.
     */
    ChainVerification verify(CanonicalJson canonical) {
        record Head(long lastEntryId, String lastHash) {
        }
        Head head = handle.createQuery("SELECT last_entry_id, last_hash FROM audit_chain_head WHERE id = 1")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2)))
                .one();
        long checked = 0;
        long expectedId = 1;
        String previousHash = AuditChain.GENESIS;
        try (Stream<StoredRow> rows = handle.createQuery("SELECT " + COLUMNS
                        + " FROM audit_entry WHERE id <= :last ORDER BY id")
                .bind("last", head.lastEntryId())
                .setFetchSize(500)
                .map((rs, ctx) -> stored(rs, canonical))
                .stream()) {
            for (Iterator<StoredRow> it = rows.iterator(); it.hasNext(); ) {
                StoredRow stored = it.next();
                AuditRow row = stored.row();
                if (row.id() != expectedId) {
                    return ChainVerification.broken(checked, head.lastEntryId(), expectedId,
                            "entry " + expectedId + " is missing (the next stored entry is " + row.id() + ")");
                }
                if (!row.previousHash().equals(previousHash)) {
                    return ChainVerification.broken(checked, head.lastEntryId(), row.id(), "entry " + row.id()
                            + " does not link to the hash of entry " + (row.id() - 1) + " (one of them was altered)");
                }
                if (!AuditChain.hash(canonical, row).equals(stored.rowHash())) {
                    return ChainVerification.broken(checked, head.lastEntryId(), row.id(),
                            "entry " + row.id() + " was altered: its content does not match its hash");
                }
                previousHash = stored.rowHash();
                expectedId++;
                checked++;
            }
        }
        if (expectedId <= head.lastEntryId()) {
            return ChainVerification.broken(checked, head.lastEntryId(), expectedId,
                    "entry " + expectedId + " is missing (the chain head names entry " + head.lastEntryId() + " as the last)");
        }
        if (!previousHash.equals(head.lastHash())) {
            return ChainVerification.broken(checked, head.lastEntryId(), head.lastEntryId(),
                    "the chain head's hash does not match entry " + head.lastEntryId());
        }
        return ChainVerification.intact(checked, head.lastEntryId());
    }

    private record StoredRow(AuditRow row, String rowHash) {
    }

    private static StoredRow stored(ResultSet rs, CanonicalJson canonical) throws SQLException {
        AuditRow row = new AuditRow(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                canonical.fromText(rs.getString("before_state")), canonical.fromText(rs.getString("after_state")),
                rs.getString("reason"), rs.getString("correlation_id"), rs.getString("previous_hash"));
        return new StoredRow(row, rs.getString("row_hash"));
    }

    private AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                tree(rs.getString("before_state")), tree(rs.getString("after_state")), rs.getString("reason"),
                rs.getString("correlation_id"), rs.getString("previous_hash"), rs.getString("row_hash"));
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit JSON is not valid JSON", e);
        }
    }
}
