package dev.valhalla.migrate.schema;

/**
 * One way two schemas differ.
 *
 * @param change   whether the object is only in the actual schema, only in the expected one, or in both but
 *                 defined differently
 * @param kind     the object's kind
 * @param name     the object's qualified name
 * @param expected its definition in the expected schema; {@code null} when {@link Change#ADDED}
 * @param actual   its definition in the actual schema; {@code null} when {@link Change#REMOVED}
 */
public record SchemaDifference(Change change, String kind, String name, String expected, String actual) {

    /** How an object differs. */
    public enum Change {
        /** Present only in the actual schema ({@code +}). */
        ADDED("+"),
        /** Present only in the expected schema ({@code -}). */
        REMOVED("-"),
        /** Present in both with different definitions ({@code ~}). */
        CHANGED("~");

        private final String sign;

        Change(String sign) {
            this.sign = sign;
        }

        /** The sign that starts the difference's line. */
        public String sign() {
            return sign;
        }
    }

    /**
     * The difference as one line: {@code + index public.users_email: CREATE INDEX …},
     * {@code - column public.users.email: text}, {@code ~ column public.users.age: expected integer, actual bigint}.
     */
    @Override
    public String toString() {
        String object = change.sign() + " " + kind + " " + name;
        return switch (change) {
            case ADDED -> withDefinition(object, actual);
            case REMOVED -> withDefinition(object, expected);
            case CHANGED -> object + ": expected " + shown(expected) + ", actual " + shown(actual);
        };
    }

    private static String withDefinition(String object, String definition) {
        return definition.isEmpty() ? object : object + ": " + definition;
    }

    private static String shown(String definition) {
        return definition.isEmpty() ? "(nothing)" : definition;
    }
}
