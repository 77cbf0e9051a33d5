package dev.valhalla.server.governance;

import dev.valhalla.server.core.error.ErrorCode;
import dev.valhalla.server.core.error.ErrorCodeSupplier;

/** Error codes of governance. */
enum GovernanceErrorCode implements ErrorCodeSupplier {
    GO_LIVE_BLOCKED(409, "Go-live blocked by failing runbook checks"),
    KILL_SWITCH_ENGAGED(503, "Kill switch engaged");

    private final ErrorCode errorCode;

    GovernanceErrorCode(int status, String title) {
        this.errorCode = new ErrorCode(name(), status, title);
    }

    @Override
    public ErrorCode errorCode() {
        return errorCode;
    }
}
