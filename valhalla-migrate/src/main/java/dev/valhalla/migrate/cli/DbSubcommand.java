package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.migrate.apply.Migrator;
import dev.valhalla.migrate.graph.RevisionGraph;
import dev.valhalla.migrate.revision.Revision;
import dev.valhalla.migrate.revision.RevisionDirectory;
import dev.valhalla.migrate.revision.RevisionFormatException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Base of every {@code valhalla db} subcommand: the common options, the writers, loading the revision files,
 * and turning failures into exit codes so that the command behaves the same wherever it is mounted.
 */
abstract class DbSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    /** Runs the command; a {@link MigrateException} gives its exit code, anything else exit 1. */
    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ParameterException e) {
            throw e; // picocli reports usage errors with the hint, exit 2
        } catch (Exception e) {
            return Failures.report(e, err());
        }
    }

    /** The command's work; returns the exit code. */
    abstract int execute() throws Exception;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Every revision file of {@code --dir}; all unreadable files are reported together (exit 2). */
    final List<Revision> loadRevisions() {
        if (!Files.isDirectory(options.directory)) {
            throw new MigrateException("migrations folder not found: " + options.directory.toAbsolutePath()
                    + " (set --dir or VALHALLA_MIGRATIONS_DIR)", MigrateException.EXIT_BAD_INPUT);
        }
        RevisionDirectory.LoadResult result = RevisionDirectory.load(options.directory);
        if (!result.errors().isEmpty()) {
            String problems = result.errors().stream()
                    .map(RevisionFormatException::getMessage)
                    .collect(Collectors.joining(System.lineSeparator()));
            throw new MigrateException(problems, MigrateException.EXIT_BAD_INPUT);
        }
        return result.revisions();
    }

    /** The graph of the revision files; fails (exit 1) on a cycle, a missing parent or a duplicate id. */
    final RevisionGraph loadGraph() {
        return RevisionGraph.of(loadRevisions());
    }

    /** Runs {@code work} with a migrator on the database of {@code --url}, closing what was opened for it. */
    final <T> T withMigrator(RevisionGraph graph, MigrationListener listener, MigratorWork<T> work) throws Exception {
        try (DatabaseTarget database = openDatabase()) {
            return work.run(new Migrator(database.source(), graph, options.settings(), listener), database);
        }
    }

    /** The database of {@code --url}, or the embedded one; the caller closes it. */
    final DatabaseTarget openDatabase() {
        return DatabaseTarget.open(options, err());
    }

    /** Work done with a {@link Migrator}. */
    @FunctionalInterface
    interface MigratorWork<T> {
        T run(Migrator migrator, DatabaseTarget database) throws Exception;
    }
}
