package dev.valhalla.server.configregistry;

import dev.valhalla.server.core.error.ValhallaException;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A write whose {@code If-Match} / {@code If-None-Match} does not hold (412), or that sent neither (428).
 * The problem carries {@code currentVersion} (null when the key does not exist) so a client can re-read
 * and retry.
 */
final class ConfigPreconditionException extends ValhallaException {

    private ConfigPreconditionException(ConfigErrorCode code, String detail, OptionalLong current) {
        super(code, detail, null, extensions(current), null);
    }

    /** 412: the precondition sent does not hold for the current version. */
    static ConfigPreconditionException failed(String detail, OptionalLong current) {
        return new ConfigPreconditionException(ConfigErrorCode.CONFIG_PRECONDITION_FAILED, detail, current);
    }

    /** 428: the write sent no precondition. */
    static ConfigPreconditionException required(String detail, OptionalLong current) {
        return new ConfigPreconditionException(ConfigErrorCode.CONFIG_PRECONDITION_REQUIRED, detail, current);
    }

    private static Map<String, Object> extensions(OptionalLong current) {
        Map<String, Object> extensions = new HashMap<>();
        extensions.put("currentVersion", current.isPresent() ? current.getAsLong() : null);
        return extensions;
    }
}
