package dev.valhalla.migrate.schema;

import java.util.Comparator;
import java.util.Objects;

/**
 * One object of a database schema in canonical, human-readable form.
 *
 * @param kind       what it is: {@code schema}, {@code table}, {@code column}, {@code constraint}, {@code index},
 *                   {@code view}, {@code materialized view}, {@code sequence}, {@code enum}, {@code domain},
 *                   {@code range}, {@code function}, {@code procedure}, {@code trigger}, {@code extension} …
 * @param name       its qualified name: {@code public.users}, {@code public.users.email} for a column,
 *                   {@code public.users.users_pkey} for a constraint, {@code public.f(integer)} for a function
 * @param definition what it is made of, as the server prints it (a column's type, NOT NULL and default, an
 *                   index's {@code CREATE INDEX}, a view's query …); empty when the name says it all
 */
public record SchemaObject(String kind, String name, String definition) implements Comparable<SchemaObject> {

    private static final Comparator<SchemaObject> ORDER =
            Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::name);

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        definition = definition == null ? "" : definition;
    }

    /** Kind and name: what identifies the object across two snapshots, such as {@code index public.users_email}. */
    public String key() {
        return kind + " " + name;
    }

    @Override
    public int compareTo(SchemaObject other) {
        return ORDER.compare(this, other);
    }

    /** The object as one line: {@code column public.users.email: text NOT NULL}. */
    @Override
    public String toString() {
        return definition.isEmpty() ? key() : key() + ": " + definition;
    }
}
