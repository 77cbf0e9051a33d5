package dev.valhalla.server.security;

import java.time.Instant;

/**
 * A named group of blocklist rules that is switched on and off as a whole.
 *
 * @param id          database id
 * @param name        unique name
 * @param description what it is for
 * @param enabled     whether its rules are enforced
 * @param createdAt   when it was created
 * @param createdBy   who created it
 * @param updatedAt   last change
 * @param rules       number of its rules
 */
record SecurityPolicy(long id, String name, String description, boolean enabled, Instant createdAt, String createdBy,
                      Instant updatedAt, long rules) {

    /** The policy automatic honeypot blocks belong to (created by the schema revision). */
    static final String HONEYPOT = "honeypot";
}
