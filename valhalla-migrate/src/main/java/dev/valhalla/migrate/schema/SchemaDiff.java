package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.schema.SchemaDifference.Change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The differences between an expected and an actual schema, in the snapshots' order (kind, then name).
 *
 * @param differences one entry per object added, removed or changed
 */
public record SchemaDiff(List<SchemaDifference> differences) {

    public SchemaDiff {
        differences = List.copyOf(differences);
    }

    /**
     * Compares two snapshots: objects only in {@code actual} are {@link Change#ADDED}, objects only in
     * {@code expected} are {@link Change#REMOVED}, objects in both with different definitions are
     * {@link Change#CHANGED}.
     */
    public static SchemaDiff between(SchemaSnapshot expected, SchemaSnapshot actual) {
        Map<String, SchemaObject> expectedObjects = expected.byKey();
        Map<String, SchemaObject> actualObjects = actual.byKey();
        List<SchemaDifference> differences = new ArrayList<>();
        for (SchemaObject object : expected.objects()) {
            SchemaObject other = actualObjects.get(object.key());
            if (other == null) {
                differences.add(new SchemaDifference(
                        Change.REMOVED, object.kind(), object.name(), object.definition(), null));
            } else if (!other.definition().equals(object.definition())) {
                differences.add(new SchemaDifference(
                        Change.CHANGED, object.kind(), object.name(), object.definition(), other.definition()));
            }
        }
        for (SchemaObject object : actual.objects()) {
            if (!expectedObjects.containsKey(object.key())) {
                differences.add(new SchemaDifference(
                        Change.ADDED, object.kind(), object.name(), null, object.definition()));
            }
        }
        differences.sort(Comparator.comparing(SchemaDifference::kind).thenComparing(SchemaDifference::name));
        return new SchemaDiff(differences);
    }

    /** Whether the two schemas are the same. */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** One line per difference (see {@link SchemaDifference#toString()}). */
    public List<String> lines() {
        return differences.stream().map(SchemaDifference::toString).toList();
    }

    /** The lines joined with newlines; {@code no differences} when there are none. */
    public String text() {
        return isEmpty() ? "no differences" : lines().stream().collect(Collectors.joining("\n"));
    }
}
