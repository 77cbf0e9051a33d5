package dev.valhalla.server.security;

import dev.valhalla.server.core.db.Database;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts blocked requests per rule and per client address in memory; {@link #flush()} adds them to the
 * database in two batched statements. A request never writes. At most {@value #MAX_ADDRESSES}
 * addresses are tracked between flushes (further ones still count for their rule and in the total).
 * An increment racing with the removal of an idle entry during a flush can be lost: counts are for
 * dashboards, not billing. Thread-safe.
 */
final class HitLedger {

    static final int MAX_ADDRESSES = 10_000;

    private final Database database;
    private final Clock clock;
    private final Map<Long, LongAdder> byRule = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byAddress = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    HitLedger(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    void blocked(BlockRule rule, String address) {
        total.increment();
        byRule.computeIfAbsent(rule.id(), id -> new LongAdder()).increment();
        if (address != null) {
            LongAdder counter = byAddress.get(address);
            if (counter == null && byAddress.size() < MAX_ADDRESSES) {
                counter = byAddress.computeIfAbsent(address, a -> new LongAdder());
            }
            if (counter != null) {
                counter.increment();
            }
        }
    }

    /** Blocked requests on this instance since start. */
    long total() {
        return total.sum();
    }

    /** Writes the counts gathered since the last flush; on failure they are kept for the next one. */
    synchronized void flush() {
        Map<Long, Long> rules = drain(byRule);
        Map<String, Long> addresses = drain(byAddress);
        if (rules.isEmpty() && addresses.isEmpty()) {
            return;
        }
        try {
            database.inTransaction(handle -> {
                SecurityStore store = new SecurityStore(handle);
                store.addRuleHits(rules, clock.instant());
                store.addOffenders(addresses, clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            rules.forEach((id, count) -> byRule.computeIfAbsent(id, k -> new LongAdder()).add(count));
            addresses.forEach((address, count) -> byAddress.computeIfAbsent(address, k -> new LongAdder()).add(count));
            throw e;
        }
    }

    private static <K> Map<K, Long> drain(Map<K, LongAdder> counters) {
        Map<K, Long> drained = new HashMap<>();
        counters.forEach((key, counter) -> {
            long count = counter.sumThenReset();
            if (count > 0) {
                drained.put(key, count);
            } else {
                counters.remove(key, counter);
            }
        });
        return drained;
    }
}
