package dev.valhalla.server.governance;

import java.util.List;

/**
 * A feature that adds checks to the go-live runbook. Extension point: implement it on the feature
 * class; the governance feature collects the checks of every contributing feature when it starts.
 */
public interface RunbookContributor {

    /** The checks this feature adds; ids must be unique across the runbook. */
    List<RunbookCheck> runbookChecks();
}
