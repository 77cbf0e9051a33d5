package dev.valhalla.migrate.alembic;

import dev.valhalla.migrate.graph.GraphNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an Alembic {@code versions/} folder without running Python.
 *
 * <p>Every {@code *.py} file in the folder and its sub-folders is read, except {@code __init__.py}, files in
 * {@code __pycache__} and editor lock files ({@code .#name.py}). Only module-level assignments of
 * {@code revision}, {@code down_revision}, {@code depends_on} and {@code branch_labels} are read (see
 * {@link TopLevelAssignments}). A file without a {@code revision} assignment is skipped with a note. As in
 * Alembic's {@code RevisionMap}, each {@code depends_on} entry names a revision id or a branch label; labels
 * are resolved to the revision that declares them. Stateless and thread-safe.
 */
public final class AlembicVersionsReader {

    private static final Set<String> NAMES = Set.of("revision", "down_revision", "depends_on", "branch_labels");

    private AlembicVersionsReader() {
    }

    /**
     * The graph nodes of the folder's readable scripts.
     *
     * @throws AlembicReadException when the folder cannot be listed
     */
    public static List<GraphNode> read(Path versionsDir) {
        return load(versionsDir).nodes();
    }

    /**
     * Everything read from the folder: nodes, branch labels, unreadable files and skipped files.
     *
     * @throws AlembicReadException when the folder cannot be listed
     */
    public static AlembicHistory load(Path versionsDir) {
        List<AlembicFileProblem> problems = new ArrayList<>();
        List<AlembicFileProblem> notes = new ArrayList<>();
        List<AlembicScript> scripts = new ArrayList<>();
        for (Path file : scriptFiles(versionsDir)) {
            String name = relativeName(versionsDir, file);
            readScript(file, name, problems, notes).ifPresent(scripts::add);
        }
        Map<String, String> revisionByLabel = labels(scripts, problems);
        Set<String> ids = new HashSet<>();
        scripts.forEach(script -> ids.add(script.revision()));
        List<GraphNode> nodes = new ArrayList<>();
        Map<String, List<String>> branchLabels = new LinkedHashMap<>();
        for (AlembicScript script : scripts) {
            List<String> dependencies = script.dependsOn().stream()
                    .map(dependency -> ids.contains(dependency)
                            ? dependency
                            : revisionByLabel.getOrDefault(dependency, dependency))
                    .toList();
            nodes.add(new GraphNode(script.revision(), script.downRevisions(), dependencies, script.file()));
            if (!script.branchLabels().isEmpty()) {
                branchLabels.putIfAbsent(script.revision(), script.branchLabels());
            }
        }
        return new AlembicHistory(nodes, branchLabels, problems, notes);
    }

    private static List<Path> scriptFiles(Path versionsDir) {
        if (!Files.isDirectory(versionsDir)) {
            throw new AlembicReadException(versionsDir, "not a directory", null);
        }
        try (Stream<Path> walk = Files.walk(versionsDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> isScript(versionsDir.relativize(file)))
                    .sorted((left, right) -> relativeName(versionsDir, left)
                            .compareTo(relativeName(versionsDir, right)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AlembicReadException(versionsDir, e.getMessage(), e);
        }
    }

    private static boolean isScript(Path relative) {
        String name = relative.getFileName().toString();
        for (Path part : relative) {
            if (part.toString().equals("__pycache__")) {
                return false;
            }
        }
        return name.endsWith(".py") && !name.equals("__init__.py") && !name.startsWith(".#");
    }

    private static Optional<AlembicScript> readScript(Path file, String name, List<AlembicFileProblem> problems,
                                                      List<AlembicFileProblem> notes) {
        String source;
        try {
            source = decode(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            problems.add(new AlembicFileProblem(name, 0, "not UTF-8 text"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new AlembicFileProblem(name, 0, "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
        TopLevelAssignments assignments = TopLevelAssignments.scan(source, NAMES);
        for (TopLevelAssignments.Failure failure : assignments.failures()) {
            problems.add(new AlembicFileProblem(name, failure.line(),
                    "cannot read the value of " + failure.name() + ": " + failure.problem()));
        }
        if (!assignments.failures().isEmpty()) {
            return Optional.empty();
        }
        return AlembicScript.from(name, assignments.values(), problems, notes);
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Label to revision; a label declared twice, or equal to a revision id, is a problem (Alembic refuses it). */
    private static Map<String, String> labels(List<AlembicScript> scripts, List<AlembicFileProblem> problems) {
        Set<String> ids = new HashSet<>();
        scripts.forEach(script -> ids.add(script.revision()));
        Map<String, String> revisionByLabel = new HashMap<>();
        for (AlembicScript script : scripts) {
            for (String label : script.branchLabels()) {
                String owner = ids.contains(label) ? label : revisionByLabel.putIfAbsent(label, script.revision());
                if (owner != null && !owner.equals(script.revision())) {
                    problems.add(new AlembicFileProblem(script.file(), script.branchLabelsLine(),
                            "branch label '" + label + "' is already used by revision " + owner));
                }
            }
        }
        return revisionByLabel;
    }

    private static String relativeName(Path versionsDir, Path file) {
        return versionsDir.relativize(file).toString().replace('\\', '/');
    }
}
