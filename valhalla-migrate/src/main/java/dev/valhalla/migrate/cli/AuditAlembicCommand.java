package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.MigrateException;
import dev.valhalla.migrate.alembic.AlembicAudit;
import dev.valhalla.migrate.alembic.AlembicAuditResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code valhalla db audit-alembic DIR}: the graph report of an Alembic history, without running Python. */
@Command(name = "audit-alembic", mixinStandardHelpOptions = true,
        description = "Read an Alembic versions/ folder (without running it) and report its graph, with fixes.",
        footer = {"",
                "Text adds the fixes: a merge for several heads, and for each cycle",
                "the parent declaration whose removal breaks it, with its file.",
                "JSON is exactly the graph report document.",
                "Exit codes:",
                "  0  the graph is sound (several heads are fine)",
                "  1  a cycle, missing parent, duplicate id or unreadable script",
                "  2  the folder does not exist",
                "Example:",
                "  valhalla db audit-alembic app/alembic/versions --format json"})
final class AuditAlembicCommand extends DbSubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The Alembic versions/ folder.")
    Path versions;

    @Mixin
    FormatOption output;

    @Override
    int execute() {
        if (!Files.isDirectory(versions)) {
            throw new MigrateException("Alembic versions folder not found: " + versions.toAbsolutePath(),
                    MigrateException.EXIT_BAD_INPUT);
        }
        AlembicAuditResult result = AlembicAudit.audit(versions);
        if (output.json()) {
            // the document on stdout stays exactly the report; unreadable scripts go to stderr
            out().println(result.json());
            result.history().problems().forEach(problem -> err().println(problem.describe()));
        } else {
            out().print(result.text());
        }
        return result.exitCode();
    }
}
