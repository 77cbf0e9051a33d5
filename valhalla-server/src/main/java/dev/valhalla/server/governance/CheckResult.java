package dev.valhalla.server.governance;

import java.util.Objects;

/**
 * What a {@link RunbookCheck} found.
 *
 * @param status pass, fail or skipped ({@link CheckStatus#ERROR} is reserved for the runner)
 * @param detail one line for people: what was seen, with the numbers
 */
public record CheckResult(CheckStatus status, String detail) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** The condition holds. */
    public static CheckResult pass(String detail) {
        return new CheckResult(CheckStatus.PASS, detail);
    }

    /** The condition does not hold. */
    public static CheckResult fail(String detail) {
        return new CheckResult(CheckStatus.FAIL, detail);
    }

    /** The check does not apply. */
    public static CheckResult skipped(String detail) {
        return new CheckResult(CheckStatus.SKIPPED, detail);
    }
}
