package dev.valhalla.server.maintenance;

import java.time.Instant;

/**
 * A scheduled window during which the shield is at least {@code state}.
 *
 * @param id        its id
 * @param state     {@code read_only} or {@code maintenance}
 * @param startsAt  first instant of the window
 * @param endsAt    first instant after it
 * @param reason    why, as given
 * @param createdBy who scheduled it
 * @param createdAt when
 * @param beganAt   when an instance recorded its start; null before
 * @param endedAt   when an instance recorded its end; null before
 */
record MaintenanceWindow(long id, MaintenanceState state, Instant startsAt, Instant endsAt, String reason,
                         String createdBy, Instant createdAt, Instant beganAt, Instant endedAt) {

    boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    boolean endedBy(Instant now) {
        return !now.isBefore(endsAt);
    }
}
