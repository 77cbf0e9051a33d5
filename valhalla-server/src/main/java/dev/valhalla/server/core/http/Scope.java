package dev.valhalla.server.core.http;

/**
 * What a route requires of its caller. Scopes are ordered: {@code ADMIN} grants {@code WRITE}, which
 * grants {@code READ}; {@code PUBLIC} routes need no credentials at all.
 */
public enum Scope {
    PUBLIC, READ, WRITE, ADMIN;

    /** Whether a caller holding this scope may call a route requiring {@code required}. */
    public boolean grants(Scope required) {
        return required == PUBLIC || (this != PUBLIC && ordinal() >= required.ordinal());
    }
}
