package dev.valhalla.server.core.config;

import java.util.List;

/** One or more settings have invalid values; the message names every offending variable. */
public final class InvalidSettingException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidSettingException(List<String> problems) {
        super("Invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, starting with the variable name. */
    public List<String> problems() {
        return problems;
    }
}
