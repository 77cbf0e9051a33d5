package dev.valhalla.server.governance;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.db.UnitOfWork;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The registry of runbook checks and their runner. Every check runs concurrently on its own virtual
 * thread, on its own connection, in a read-only transaction rolled back at the end, under
 * {@code statement_timeout} and a wait bounded by its time limit: a check that throws or hangs is
 * reported as {@code error} and the others are unaffected. Thread-safe.
 */
final class Runbook {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    // the runner's wait exceeds statement_timeout a little, so a timed-out statement reports its own error
    private static final Duration GRACE = Duration.ofMillis(500);

    private final Database database;
    private final Clock clock;
    private final Map<String, RunbookCheck> checks = new LinkedHashMap<>();

    Runbook(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds a check after the ones registered before it. */
    synchronized void add(RunbookCheck check) {
        if (check.id() == null || !ID.matcher(check.id()).matches()) {
            throw new IllegalArgumentException("runbook check id must be lower-case kebab case: " + check.id());
        }
        if (checks.putIfAbsent(check.id(), check) != null) {
            throw new IllegalArgumentException("runbook check registered twice: " + check.id());
        }
    }

    synchronized List<RunbookCheck> checks() {
        return List.copyOf(checks.values());
    }

    /** Runs every check; returns within the longest time limit plus a small grace. */
    RunbookReport run() {
        Instant checkedAt = clock.instant();
        long start = System.nanoTime();
        List<RunbookCheck> all = checks();
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("runbook-check-", 0).factory());
        try {
            List<Future<RunbookReport.Outcome>> futures = new ArrayList<>();
            for (RunbookCheck check : all) {
                futures.add(executor.submit(() -> execute(check)));
            }
            List<RunbookReport.Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                outcomes.add(await(all.get(i), futures.get(i), start));
            }
            return RunbookReport.of(checkedAt, millisSince(start), outcomes);
        } finally {
            // never waits: an overrunning check has been interrupted and finishes on its own
            executor.shutdownNow();
        }
    }

    private RunbookReport.Outcome await(RunbookCheck check, Future<RunbookReport.Outcome> future, long start) {
        long deadline = start + check.timeLimit().plus(GRACE).toNanos();
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return outcome(check, CheckStatus.ERROR, "did not finish within its time limit of "
                    + check.timeLimit().toMillis() + " ms", millisSince(start));
        } catch (ExecutionException | CancellationException e) {
            return outcome(check, CheckStatus.ERROR, "the runner failed: " + e, millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return outcome(check, CheckStatus.ERROR, "interrupted", millisSince(start));
        }
    }

    private RunbookReport.Outcome execute(RunbookCheck check) {
        long start = System.nanoTime();
        try (UnitOfWork unit = database.open(Database.Access.WRITE)) {
            Handle handle = unit.handle();
            CheckResult result;
            try {
                handle.execute("SET TRANSACTION READ ONLY");
                long limit = Math.max(1, check.timeLimit().toMillis());
                handle.execute("SET LOCAL statement_timeout = " + limit);
                handle.execute("SET LOCAL lock_timeout = " + limit);
                result = check.run(new CheckContext(handle, check.timeLimit()));
            } catch (Exception | Error e) {
                rollback(unit, e);
                throw e;
            }
            unit.rollback();
            if (result == null) {
                return outcome(check, CheckStatus.ERROR, "the check returned no result", millisSince(start));
            }
            if (result.status() == CheckStatus.ERROR) {
                return outcome(check, CheckStatus.ERROR, result.detail(), millisSince(start));
            }
            return outcome(check, result.status(), result.detail(), millisSince(start));
        } catch (Exception e) {
            return outcome(check, CheckStatus.ERROR, describe(e), millisSince(start));
        }
    }

    private static void rollback(UnitOfWork unit, Throwable failure) {
        try {
            unit.rollback();
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static RunbookReport.Outcome outcome(RunbookCheck check, CheckStatus status, String detail, long millis) {
        return new RunbookReport.Outcome(check.id(), check.title(), check.blocking(), status, detail, millis);
    }

    /** The message of the failure, naming the SQLSTATE when the database raised it. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String message = sql.getMessage() == null ? "" : sql.getMessage().lines().findFirst().orElse("");
                return "SQLSTATE " + sql.getSQLState() + ": " + message;
            }
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
