package dev.valhalla.server.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of every flag and segment: what {@code GET /api/client/features} returns and
 * what {@link FlagEvaluator} reads. Flags are compiled once when the snapshot is built, so an
 * evaluation does no parsing. Every "with"/"apply" method returns a new snapshot and leaves this one
 * untouched (unchanged flags are shared, not recompiled). Safe to share between threads.
 *
 * <p>Flags keep their document order; a flag name or segment id given twice keeps the last
 * definition in the first position. Nothing here validates the definitions: an unknown operator,
 * strategy or segment simply evaluates to off, as in the Unleash SDKs.
 */
public final class FlagState {

    /** The client-features format version written by default. */
    public static final int DEFAULT_VERSION = 2;

    private static final FlagState EMPTY = new FlagState(DEFAULT_VERSION, Map.of(), Map.of(), Map.of());

    private final int version;
    private final Map<String, CompiledFlag> flags;
    private final Map<Integer, Segment> segments;
    private final Map<Integer, Rule> segmentRules;

    private FlagState(int version, Map<String, CompiledFlag> flags, Map<Integer, Segment> segments,
                      Map<Integer, Rule> segmentRules) {
        this.version = version;
        this.flags = Collections.unmodifiableMap(flags);
        this.segments = Collections.unmodifiableMap(segments);
        this.segmentRules = Collections.unmodifiableMap(segmentRules);
    }

    /** A snapshot with no flags and no segments. */
    public static FlagState empty() {
        return EMPTY;
    }

    /** A snapshot of these flags and segments. */
    public static FlagState of(int version, List<Flag> flags, List<Segment> segments) {
        Map<String, CompiledFlag> compiled = new LinkedHashMap<>();
        for (Flag flag : flags) {
            compiled.put(flag.name(), CompiledFlag.compile(flag));
        }
        Map<Integer, Segment> segmentMap = new LinkedHashMap<>();
        Map<Integer, Rule> segmentRules = new LinkedHashMap<>();
        for (Segment segment : segments == null ? List.<Segment>of() : segments) {
            segmentMap.put(segment.id(), segment);
            segmentRules.put(segment.id(), ConstraintRules.compileAll(segment.constraints()));
        }
        return new FlagState(version, compiled, segmentMap, segmentRules);
    }

    /** The client-features format version. */
    public int version() {
        return version;
    }

    /** All flags, in order. */
    public List<Flag> flags() {
        return flags.values().stream().map(CompiledFlag::flag).toList();
    }

    /** All segments, in order. */
    public List<Segment> segments() {
        return List.copyOf(segments.values());
    }

    /** Flag names, in order. */
    public List<String> flagNames() {
        return List.copyOf(flags.keySet());
    }

    /** The flag of that name. */
    public Optional<Flag> flag(String name) {
        return Optional.ofNullable(flags.get(name)).map(CompiledFlag::flag);
    }

    /** The segment of that id. */
    public Optional<Segment> segment(int id) {
        return Optional.ofNullable(segments.get(id));
    }

    /** Number of flags. */
    public int size() {
        return flags.size();
    }

    /** This snapshot with the flag added, or replacing the flag of the same name in place. */
    public FlagState withFlag(Flag flag) {
        Map<String, CompiledFlag> next = new LinkedHashMap<>(flags);
        next.put(flag.name(), CompiledFlag.compile(flag));
        return new FlagState(version, next, segments, segmentRules);
    }

    /** This snapshot without the flag of that name (the same snapshot when there is none). */
    public FlagState withoutFlag(String name) {
        if (!flags.containsKey(name)) {
            return this;
        }
        Map<String, CompiledFlag> next = new LinkedHashMap<>(flags);
        next.remove(name);
        return new FlagState(version, next, segments, segmentRules);
    }

    /** This snapshot with the segment added, or replacing the segment of the same id. */
    public FlagState withSegment(Segment segment) {
        Map<Integer, Segment> next = new LinkedHashMap<>(segments);
        next.put(segment.id(), segment);
        Map<Integer, Rule> rules = new LinkedHashMap<>(segmentRules);
        rules.put(segment.id(), ConstraintRules.compileAll(segment.constraints()));
        return new FlagState(version, flags, next, rules);
    }

    /** This snapshot without the segment of that id. */
    public FlagState withoutSegment(int id) {
        if (!segments.containsKey(id)) {
            return this;
        }
        Map<Integer, Segment> next = new LinkedHashMap<>(segments);
        next.remove(id);
        Map<Integer, Rule> rules = new LinkedHashMap<>(segmentRules);
        rules.remove(id);
        return new FlagState(version, flags, next, rules);
    }

    /** This snapshot with one delta event applied. */
    public FlagState apply(DeltaEvent event) {
        return switch (event) {
            case DeltaEvent.Hydration hydration -> of(version, hydration.features(), hydration.segments());
            case DeltaEvent.FeatureUpdated updated -> withFlag(updated.feature());
            case DeltaEvent.FeatureRemoved removed -> withoutFlag(removed.featureName());
            case DeltaEvent.SegmentUpdated updated -> withSegment(updated.segment());
            case DeltaEvent.SegmentRemoved removed -> withoutSegment(removed.segmentId());
        };
    }

    /** This snapshot with the delta events applied in order. */
    public FlagState apply(List<DeltaEvent> events) {
        FlagState state = this;
        for (DeltaEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    CompiledFlag compiled(String name) {
        return flags.get(name);
    }

    Iterable<CompiledFlag> compiledFlags() {
        return flags.values();
    }

    Rule segmentRule(int id) {
        return segmentRules.get(id);
    }

    /** Equal when version, flags (in order) and segments (in order) are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FlagState that && version == that.version
                && flags().equals(that.flags()) && segments().equals(that.segments());
    }

    @Override
    public int hashCode() {
        return 31 * flags().hashCode() + segments().hashCode();
    }

    @Override
    public String toString() {
        return "FlagState[version=" + version + ", flags=" + flags.size() + ", segments=" + segments.size() + "]";
    }
}
