package dev.valhalla.server.governance;

import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.server.core.db.SchemaMigration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checksums of the server's own revision files (the classpath folder the schema migration
 * applies), read once, so the runbook can compare them with the migration history.
 */
final class ServerRevisions {

    private ServerRevisions() {
    }

    /** Revision id → checksum, in file order. */
    static Map<String, String> checksums() {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (Revision revision : SchemaMigration.bundledRevisions()) {
            checksums.put(revision.id(), revision.checksum());
        }
        return checksums;
    }
}
