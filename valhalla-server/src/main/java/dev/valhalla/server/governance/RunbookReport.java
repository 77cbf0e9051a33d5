package dev.valhalla.server.governance;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One run of the runbook.
 *
 * @param verdict    {@code pass} when every check passed (or was skipped), {@code warn} when only
 *                   non-blocking checks did not, {@code fail} when a blocking check failed or erred
 * @param checkedAt  when the run started
 * @param durationMs how long the whole run took
 * @param checks     every check's outcome, in registration order
 */
record RunbookReport(Verdict verdict, Instant checkedAt, long durationMs, List<Outcome> checks) {

    RunbookReport {
        checks = List.copyOf(checks);
    }

    /** The overall verdict. */
    enum Verdict {
        PASS, WARN, FAIL;

        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One check's outcome.
     *
     * @param durationMs how long it ran (up to its time limit for a check that overran)
     */
    record Outcome(String id, String title, boolean blocking, CheckStatus status, String detail, long durationMs) {

        boolean blocksGoLive() {
            return blocking && (status == CheckStatus.FAIL || status == CheckStatus.ERROR);
        }
    }

    static RunbookReport of(Instant checkedAt, long durationMs, List<Outcome> checks) {
        Verdict verdict = Verdict.PASS;
        for (Outcome outcome : checks) {
            if (outcome.blocksGoLive()) {
                verdict = Verdict.FAIL;
                break;
            }
            if (outcome.status() == CheckStatus.FAIL || outcome.status() == CheckStatus.ERROR) {
                verdict = Verdict.WARN;
            }
        }
        return new RunbookReport(verdict, checkedAt, durationMs, checks);
    }

    /** Whether go-live may be enabled: every blocking check passed or was skipped. */
    boolean goLiveAllowed() {
        return verdict != Verdict.FAIL;
    }

    /** The blocking checks that failed or erred. */
    List<Outcome> blockingFailures() {
        return checks.stream().filter(Outcome::blocksGoLive).toList();
    }
}
