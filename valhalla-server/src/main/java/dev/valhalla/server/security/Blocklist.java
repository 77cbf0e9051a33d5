package dev.valhalla.server.security;

import dev.valhalla.server.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link RuleSet} snapshot and reloads it from the database (three small queries on
 * the write pool, so a change is seen right after its commit) when told to by the change notifier.
 * Requests only read the reference: no query per request. Thread-safe.
 */
final class Blocklist {

    /** The change topic of policies, rules and honeypots. */
    static final String TOPIC = "security.rules";
    private static final Logger LOG = LoggerFactory.getLogger(Blocklist.class);

    private final Database database;
    private final AtomicReference<RuleSet> current = new AtomicReference<>(RuleSet.EMPTY);

    Blocklist(Database database) {
        this.database = database;
    }

    RuleSet current() {
        return current.get();
    }

    /**
     * Reloads after a local commit; a failure is only logged, since the change notification that
     * commit published triggers another reload (recovery, not silence).
     */
    void reloadAfterCommit() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Reloading security rules after a change failed; the change notification will retry: {}", e.toString());
        }
    }

    /** Loads a new snapshot and swaps it in; on failure the previous one stays (and the error propagates). */
    synchronized void reload() {
        RuleSet next = database.inTransaction(handle -> {
            SecurityStore store = new SecurityStore(handle);
            List<SecurityPolicy> policies = store.policies();
            List<BlockRule> rules = store.rules(null);
            RuleSet withoutKeys = new RuleSet(policies, rules, store.honeypots(), Map.of());
            Map<String, String> keys = store.keysOfClients(withoutKeys.blockedClients());
            return keys.isEmpty() ? withoutKeys : new RuleSet(policies, rules, store.honeypots(), keys);
        });
        current.set(next);
        LOG.debug("Security rules reloaded");
    }
}
