package dev.valhalla.migrate.cli;

import dev.valhalla.migrate.graph.GraphFormats;
import dev.valhalla.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** {@code valhalla db graph}: the revision graph as Graphviz, Mermaid or JSON. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print the revision graph as Graphviz dot, Mermaid or JSON.",
        footer = {"",
                "Reads only the files.",
                "Exit codes:",
                "  0  fine",
                "  1  broken graph (see: valhalla db check --offline)",
                "  2  unreadable files",
                "Example:",
                "  valhalla db graph --format dot | dot -Tsvg > revisions.svg"})
final class GraphCommand extends DbSubcommand {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot", converter = GraphFormatConverter.class,
            description = "dot, mermaid or json (default: ${DEFAULT-VALUE}).")
    GraphFormat format;

    @Override
    int execute() {
        RevisionGraph graph = loadGraph();
        String text = switch (format) {
            case DOT -> GraphFormats.dot(graph);
            case MERMAID -> GraphFormats.mermaid(graph);
            case JSON -> GraphFormats.json(graph);
        };
        out().print(text.endsWith("\n") ? text : text + "\n");
        return 0;
    }

    enum GraphFormat { DOT, MERMAID, JSON }

    /** Accepts the lower-case names shown in the help. */
    static final class GraphFormatConverter implements ITypeConverter<GraphFormat> {
        @Override
        public GraphFormat convert(String value) {
            try {
                return GraphFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected dot, mermaid or json, got '" + value + "'");
            }
        }
    }
}
