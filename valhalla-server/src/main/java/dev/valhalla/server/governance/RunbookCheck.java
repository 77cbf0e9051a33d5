package dev.valhalla.server.governance;

import java.time.Duration;

/**
 * One named check of the go-live runbook. Extension point: a feature implements
 * {@link RunbookContributor} and returns its checks; the governance feature registers them at start.
 *
 * <p>Each run is isolated: it gets its own pooled connection in a read-only transaction that is
 * rolled back afterwards, with {@code statement_timeout} set to {@link #timeLimit()}, on its own
 * virtual thread whose result is awaited no longer than that limit. A check that throws or overruns
 * is reported as {@link CheckStatus#ERROR} and never affects the other checks. Implementations are
 * called concurrently from several threads and must be thread-safe.
 */
public interface RunbookCheck {

    /** The default time limit of one check. */
    Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);

    /** Stable id in lower-case kebab case, e.g. {@code database-reachable}; unique in the runbook. */
    String id();

    /** One line for people, e.g. "Database reachable". */
    String title();

    /** Whether go-live is refused while this check does not pass. */
    boolean blocking();

    /** The longest this check may run, SQL included. */
    default Duration timeLimit() {
        return DEFAULT_TIME_LIMIT;
    }

    /**
     * Runs the check.
     *
     * @return {@link CheckResult#pass}, {@link CheckResult#fail} or {@link CheckResult#skipped}
     * @throws Exception anything: reported as {@link CheckStatus#ERROR} with the message
     */
    CheckResult run(CheckContext context) throws Exception;
}
