package dev.valhalla.migrate.alembic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identifiers of one Alembic migration script.
 *
 * @param file             path relative to the versions folder
 * @param revision         {@code revision}
 * @param downRevisions    {@code down_revision} as a tuple (empty for None)
 * @param dependsOn        {@code depends_on} entries as written: revision ids or branch labels
 * @param branchLabels     {@code branch_labels}
 * @param branchLabelsLine line of the {@code branch_labels} assignment, 0 when absent
 */
record AlembicScript(String file, String revision, List<String> downRevisions, List<String> dependsOn,
                     List<String> branchLabels, int branchLabelsLine) {

    /** Builds the script from its assignments, or records why it cannot be used. */
    static Optional<AlembicScript> from(String file, Map<String, PythonValue> values,
                                        List<AlembicFileProblem> problems, List<AlembicFileProblem> notes) {
        PythonValue revision = values.get("revision");
        if (revision == null) {
            // Alembic's loader raises "Could not determine revision id from filename" for such a file
            notes.add(new AlembicFileProblem(file, 0, "no module-level revision assignment; not a migration, skipped"));
            return Optional.empty();
        }
        if (revision.kind() != PythonValue.Kind.STRING) {
            problems.add(new AlembicFileProblem(file, revision.line(), "revision must be a string"));
            return Optional.empty();
        }
        PythonValue down = values.get("down_revision");
        if (down == null) {
            problems.add(new AlembicFileProblem(file, 0, "no module-level down_revision assignment"));
            return Optional.empty();
        }
        PythonValue labels = values.get("branch_labels");
        return Optional.of(new AlembicScript(file, revision.items().get(0), down.asTuple(),
                tuple(values.get("depends_on")), tuple(labels), labels == null ? 0 : labels.line()));
    }

    private static List<String> tuple(PythonValue value) {
        return value == null ? List.of() : value.asTuple();
    }
}
