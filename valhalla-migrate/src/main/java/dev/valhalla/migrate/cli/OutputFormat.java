package dev.valhalla.migrate.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** {@code --format} of the report commands: text for people, one JSON document for programs. */
enum OutputFormat {
    TEXT, JSON;

    /** Accepts the lower-case names shown in the help. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected text or json, got '" + value + "'");
            }
        }
    }
}
