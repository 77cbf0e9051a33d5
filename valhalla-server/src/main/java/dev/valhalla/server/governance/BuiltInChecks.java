package dev.valhalla.server.governance;

import dev.valhalla.server.core.db.SchemaMigration;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The runbook checks governance itself provides. */
final class BuiltInChecks {

    private static final String HISTORY = SchemaMigration.HISTORY_SCHEMA + ".revision_history";
    private static final int IDLE_IN_TRANSACTION_SECONDS = 60;

    private BuiltInChecks() {
    }

    /** A check made of its id, title, blocking flag and body. */
    record Named(String id, String title, boolean blocking, Body body) implements RunbookCheck {
        @Override
        public CheckResult run(CheckContext context) throws Exception {
            return body.run(context.handle());
        }
    }

    /** The body of a {@link Named} check. */
    @FunctionalInterface
    interface Body {
        CheckResult run(Handle handle) throws Exception;
    }

    /**
     * The built-in checks.
     *
     * @param revisions the checksums of the revision files, by id (read once the schema is at head)
     */
    static List<RunbookCheck> all(Supplier<Map<String, String>> revisions) {
        return List.of(
                new Named("database-reachable", "Database reachable", true, BuiltInChecks::databaseReachable),
                new Named("migrations-at-head", "Migrations at head, none pending or edited", true,
                        handle -> migrationsAtHead(handle, revisions.get())),
                new Named("backend-complete", "Backend declared complete", true, BuiltInChecks::backendComplete),
                new Named("kill-switch-released", "Kill switch released", false, BuiltInChecks::killSwitchReleased),
                new Named("no-idle-transactions", "No session idle in a transaction for over "
                        + IDLE_IN_TRANSACTION_SECONDS + " s", false, BuiltInChecks::noIdleTransactions));
    }

    private static CheckResult databaseReachable(Handle handle) {
        long start = System.nanoTime();
        String version = handle.createQuery("SELECT current_setting('server_version')").mapTo(String.class).one();
        return CheckResult.pass("PostgreSQL " + version + " answered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static CheckResult migrationsAtHead(Handle handle, Map<String, String> files) {
        boolean exists = handle.createQuery("SELECT to_regclass(:table) IS NOT NULL").bind("table", HISTORY)
                .mapTo(Boolean.class).one();
        if (!exists) {
            return CheckResult.fail("no migration history: the schema was never migrated");
        }
        Map<String, String> applied = new HashMap<>();
        handle.createQuery("SELECT revision_id, checksum FROM " + HISTORY)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(entry -> applied.put(entry.getKey(), entry.getValue()));
        List<String> pending = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        files.forEach((id, checksum) -> {
            if (!applied.containsKey(id)) {
                pending.add(id);
            } else if (!applied.get(id).equals(checksum)) {
                edited.add(id);
            }
        });
        List<String> unknown = applied.keySet().stream().filter(id -> !files.containsKey(id)).sorted().toList();
        if (pending.isEmpty() && edited.isEmpty() && unknown.isEmpty()) {
            return CheckResult.pass(applied.size() + " revisions applied, at head");
        }
        List<String> problems = new ArrayList<>();
        if (!pending.isEmpty()) {
            problems.add(pending.size() + " pending " + pending);
        }
        if (!edited.isEmpty()) {
            problems.add(edited.size() + " edited after being applied " + edited);
        }
        if (!unknown.isEmpty()) {
            problems.add(unknown.size() + " applied without a file in this version " + unknown);
        }
        return CheckResult.fail(String.join("; ", problems));
    }

    private static CheckResult backendComplete(Handle handle) {
        return new GovernanceStore(handle).metadata()
                .map(metadata -> metadata.backendComplete()
                        ? CheckResult.pass("complete since " + metadata.completedAt()
                                + (metadata.version().isEmpty() ? "" : " (version " + metadata.version() + ")"))
                        : CheckResult.fail("not declared complete; an admin declares it with PUT /system/governance/metadata"))
                .orElseGet(() -> CheckResult.fail("system_metadata has no row 1"));
    }

    private static CheckResult killSwitchReleased(Handle handle) {
        return new GovernanceStore(handle).goLive()
                .map(state -> state.killSwitchEngaged()
                        ? CheckResult.fail("engaged by " + state.changedBy() + " at " + state.updatedAt() + ": " + state.reason())
                        : CheckResult.pass("released by " + state.changedBy() + " at " + state.updatedAt()))
                .orElseGet(() -> CheckResult.fail("go_live_state has no row 1"));
    }

    private static CheckResult noIdleTransactions(Handle handle) {
        List<String> sessions = handle.createQuery("""
                        SELECT coalesce(nullif(application_name, ''), 'pid ' || pid) || ' idle for '
                               || extract(epoch FROM clock_timestamp() - state_change)::bigint || ' s'
                        FROM pg_stat_activity
                        WHERE datname = current_database()
                          AND state IN ('idle in transaction', 'idle in transaction (aborted)')
                          AND clock_timestamp() - state_change > make_interval(secs => :limit)
                        ORDER BY state_change""")
                .bind("limit", IDLE_IN_TRANSACTION_SECONDS).mapTo(String.class).list();
        return sessions.isEmpty() ? CheckResult.pass("none")
                : CheckResult.fail(sessions.size() + " sessions: " + String.join(", ", sessions));
    }
}
