package dev.valhalla.server.keys;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * What the first start does about the admin key.
 *
 * @param enabled   whether a start on a database without any admin key creates one
 *                  ({@code VALHALLA_ADMIN_BOOTSTRAP})
 * @param presetKey a key in the {@code vh_<id>_<secret>} format to store (hashed) instead of a new
 *                  random one, for automation; it is never printed
 * @param console   where a new key is printed once (the {@code serve} command's standard output)
 */
public record AdminBootstrap(boolean enabled, Optional<String> presetKey, PrintStream console) {

    public AdminBootstrap {
        Objects.requireNonNull(presetKey, "presetKey");
        Objects.requireNonNull(console, "console");
    }

    @Override
    public String toString() {
        return "AdminBootstrap[enabled=" + enabled + ", presetKey=" + (presetKey.isPresent() ? "***" : "none") + "]";
    }
}
