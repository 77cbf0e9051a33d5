package dev.valhalla.server.flags;

import java.util.List;

/**
 * A named, reusable list of constraints that strategies refer to by id ({@code segments[]} of the
 * client-features document).
 *
 * @param id          identifier strategies refer to
 * @param name        display name, or null
 * @param constraints all must hold for a strategy that uses the segment
 */
public record Segment(int id, String name, List<Constraint> constraints) {

    public Segment {
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }
}
