package dev.valhalla.migrate.graph;

/**
 * A revision that names a parent (or dependency) that no file declares.
 *
 * @param revision the revision holding the reference
 * @param parent   the id that is not present
 * @param file     the file of {@code revision}
 */
public record MissingParent(String revision, String parent, String file) {
}
