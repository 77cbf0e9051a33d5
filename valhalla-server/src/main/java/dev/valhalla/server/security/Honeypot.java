package dev.valhalla.server.security;

import java.time.Instant;

/**
 * A decoy route that answers like any unknown path and records who asked.
 *
 * @param id             database id
 * @param method         HTTP method, upper case
 * @param path           exact path, e.g. {@code /wp-login.php}
 * @param description    what it imitates
 * @param enabled        whether it records hits
 * @param blockThreshold hits from one address within the window that block it; 0 = never block
 * @param windowSeconds  the counting window
 * @param blockSeconds   how long the automatic block lasts
 * @param createdAt      when it was created
 * @param createdBy      who created it
 */
record Honeypot(long id, String method, String path, String description, boolean enabled, int blockThreshold,
                int windowSeconds, int blockSeconds, Instant createdAt, String createdBy) {
}
