package dev.valhalla.server.security;

import dev.valhalla.server.core.config.Setting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the request edge's security layer, parsed once at start-up.
 *
 * @param trustedProxies networks whose {@code X-Forwarded-For} is honoured ({@code VALHALLA_TRUSTED_PROXIES})
 * @param flushInterval  how often blocked-request counters and honeypot hits are written to the database
 */
public record SecuritySettings(List<Cidr> trustedProxies, Duration flushInterval) {

    public SecuritySettings {
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(flushInterval, "flushInterval");
    }

    /** No trusted proxies, flushing every second. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(List.of(), Duration.ofSeconds(1));
    }

    /** The settings of {@code config} ({@code VALHALLA_TRUSTED_PROXIES}). */
    public static SecuritySettings from(dev.valhalla.server.core.config.ServerConfig config) {
        return parse(config.value(Setting.TRUSTED_PROXIES));
    }

    /**
     * Parses {@code VALHALLA_TRUSTED_PROXIES}: comma-separated CIDRs or addresses; blank for none.
     *
     * @throws IllegalArgumentException naming the variable and every invalid entry
     */
    public static SecuritySettings parse(String trustedProxies) {
        List<Cidr> networks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (trustedProxies != null && !trustedProxies.isBlank()) {
            for (String entry : trustedProxies.split(",")) {
                Cidr.parse(entry).ifPresentOrElse(networks::add, () -> problems.add(
                        Setting.TRUSTED_PROXIES.variable() + ": expected CIDRs such as 10.0.0.0/8 or fd00::/8, got '"
                                + entry.trim() + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new SecuritySettings(networks, Duration.ofSeconds(1));
    }
}
