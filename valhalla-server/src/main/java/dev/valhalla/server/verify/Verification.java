package dev.valhalla.server.verify;

import java.util.List;

/**
 * The outcome of {@code valhalla verify}.
 *
 * @param url    the server verified
 * @param passed whether every check passed
 * @param checks each check, in the order run
 */
record Verification(String url, boolean passed, List<Check> checks) {

    Verification {
        checks = List.copyOf(checks);
    }

    /**
     * One check.
     *
     * @param name      short name, e.g. {@code ready}
     * @param path      the path requested
     * @param passed    whether it passed
     * @param status    the HTTP status, 0 when no response arrived
     * @param latencyMs time to the full response
     * @param detail    what was seen
     */
    record Check(String name, String path, boolean passed, int status, long latencyMs, String detail) {
    }

    static Verification of(String url, List<Check> checks) {
        return new Verification(url, checks.stream().allMatch(Check::passed), checks);
    }
}
