package dev.valhalla.migrate.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json} of the report commands. */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.Converter.class,
            description = "Output: text (for people) or json (one document on stdout). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
