package dev.valhalla.migrate.alembic;

import java.util.List;

/**
 * A literal read from a Python assignment: {@code None}, a string, or a tuple or list of strings.
 *
 * @param kind  which of the three it is
 * @param items the string (one item), the sequence's strings, or nothing for {@code None}
 * @param line  1-based line of the assignment
 */
record PythonValue(Kind kind, List<String> items, int line) {

    enum Kind { NONE, STRING, SEQUENCE }

    PythonValue {
        items = List.copyOf(items);
    }

    /** The value as Alembic's {@code util.to_tuple} sees it: None is empty, a string is one item. */
    List<String> asTuple() {
        return items;
    }
}
