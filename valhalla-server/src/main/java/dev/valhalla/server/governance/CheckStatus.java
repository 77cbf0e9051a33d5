package dev.valhalla.server.governance;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The outcome of one runbook check; rendered in lower case. */
public enum CheckStatus {
    /** The condition holds. */
    PASS,
    /** The condition does not hold. */
    FAIL,
    /** The check itself could not decide: it threw or ran over its time limit. */
    ERROR,
    /** The check does not apply here. */
    SKIPPED;

    /** The JSON and Markdown form, e.g. {@code pass}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
