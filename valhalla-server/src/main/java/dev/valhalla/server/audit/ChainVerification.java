package dev.valhalla.server.audit;

/**
 * The result of recomputing the audit chain.
 *
 * @param valid          whether every entry and the chain head match
 * @param checked        entries checked
 * @param lastEntryId    the id the chain head names as the last entry
 * @param firstInvalidId the first entry found altered, missing or out of place; null when valid
 * @param problem        what is wrong with it; null when valid
 */
record ChainVerification(boolean valid, long checked, long lastEntryId, Long firstInvalidId, String problem) {

    static ChainVerification intact(long checked, long lastEntryId) {
        return new ChainVerification(true, checked, lastEntryId, null, null);
    }

    static ChainVerification broken(long checked, long lastEntryId, long entryId, String problem) {
        return new ChainVerification(false, checked, lastEntryId, entryId, problem);
    }
}
