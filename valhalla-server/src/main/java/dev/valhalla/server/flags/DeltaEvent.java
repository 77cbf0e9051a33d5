package dev.valhalla.server.flags;

import java.util.List;
import java.util.Objects;

/**
 * One event of the Unleash delta API ({@code {"events": [...]}}), applied to a snapshot with
 * {@link FlagState#apply(DeltaEvent)}.
 */
public sealed interface DeltaEvent {

    /** The event's position in the stream. */
    long eventId();

    /** Replaces the whole state. */
    record Hydration(long eventId, List<Flag> features, List<Segment> segments) implements DeltaEvent {

        public Hydration {
            features = List.copyOf(features);
            segments = segments == null ? List.of() : List.copyOf(segments);
        }
    }

    /** Adds a flag, or replaces the flag of that name in place. */
    record FeatureUpdated(long eventId, Flag feature) implements DeltaEvent {

        public FeatureUpdated {
            Objects.requireNonNull(feature, "feature");
        }
    }

    /** Removes a flag; removing an unknown flag changes nothing. */
    record FeatureRemoved(long eventId, String featureName, String project) implements DeltaEvent {

        public FeatureRemoved {
            Objects.requireNonNull(featureName, "featureName");
        }
    }

    /** Adds a segment, or replaces the segment of that id. */
    record SegmentUpdated(long eventId, Segment segment) implements DeltaEvent {

        public SegmentUpdated {
            Objects.requireNonNull(segment, "segment");
        }
    }

    /** Removes a segment; strategies still naming it become off. */
    record SegmentRemoved(long eventId, int segmentId) implements DeltaEvent {
    }
}
