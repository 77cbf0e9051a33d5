package dev.valhalla.server.governance;

import dev.valhalla.server.core.error.ValhallaException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Go-live was asked for while blocking runbook checks fail (409); lists every failing check. */
final class GoLiveBlockedException extends ValhallaException {

    GoLiveBlockedException(List<RunbookReport.Outcome> failing) {
        super(GovernanceErrorCode.GO_LIVE_BLOCKED, "Go-live needs every blocking runbook check to pass; failing: "
                        + failing.stream().map(RunbookReport.Outcome::id).collect(Collectors.joining(", ")),
                null, Map.of("failingChecks", failing.stream().map(GoLiveBlockedException::entry).toList()), null);
    }

    private static Map<String, Object> entry(RunbookReport.Outcome outcome) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", outcome.id());
        entry.put("status", outcome.status());
        entry.put("detail", outcome.detail());
        return entry;
    }
}
