package dev.valhalla.migrate.revision;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed revision file.
 *
 * <p>File format (header lines first, then the two section markers):
 * <pre>
 * -- id: 20261122_0001_create_users
 * -- parents: 20261121_0007_base            (comma separated; empty or absent = a base; several = a merge)
 * -- message: create users
 * -- transactional: yes                     (yes|no, default yes)
 * -- lock_timeout: 5s                       (optional; PostgreSQL interval syntax: 500ms, 5s, 1min)
 * -- statement_timeout: 10min               (optional)
 * -- lint:ignore PG001                      (optional; rules ignored for the whole revision)
 *
 * -- upgrade
 * CREATE TABLE users (id bigint PRIMARY KEY);
 *
 * -- downgrade
 * DROP TABLE users;
 * </pre>
 *
 * @param id               unique revision id
 * @param parents          parent ids in the order written; empty for a base
 * @param message          one-line description
 * @param transactional    whether the upgrade (and downgrade) runs in one transaction
 * @param lockTimeout      {@code lock_timeout} to set for this revision, if given
 * @param statementTimeout {@code statement_timeout} to set for this revision, if given
 * @param upgrade          statements of the upgrade section, in order
 * @param downgrade        statements of the downgrade section; empty when the section is absent or empty
 * @param hasDowngrade     whether a {@code -- downgrade} section marker is present
 * @param lintIgnores      rules ignored for the whole revision
 * @param file             the file it was read from
 * @param checksum         checksum of the normalized upgrade section, prefixed with its algorithm version
 *                         ({@code v1:<sha-256 hex>}); see {@link Checksums}
 */
public record Revision(
        String id,
        List<String> parents,
        String message,
        boolean transactional,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        List<SqlStatement> upgrade,
        List<SqlStatement> downgrade,
        boolean hasDowngrade,
        Set<String> lintIgnores,
        Path file,
        String checksum) {

    public Revision {
        parents = List.copyOf(parents);
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
        lintIgnores = Set.copyOf(lintIgnores);
    }

    /** Whether this revision has no parent. */
    public boolean isBase() {
        return parents.isEmpty();
    }

    /** Whether this revision joins several parents. */
    public boolean isMerge() {
        return parents.size() > 1;
    }
}
