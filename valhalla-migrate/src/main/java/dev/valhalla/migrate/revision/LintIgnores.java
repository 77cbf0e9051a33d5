package dev.valhalla.migrate.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the rule list of a {@code lint:ignore} directive: rule ids separated by commas and/or spaces. */
final class LintIgnores {

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private LintIgnores() {
    }

    /**
     * The rule ids in {@code rules}, the text after {@code lint:ignore} (an optional leading {@code :} is
     * accepted so that the header form {@code -- lint:ignore: RULE} reads the same).
     */
    static List<String> parse(String rules) {
        String list = rules.strip();
        if (list.startsWith(":")) {
            list = list.substring(1);
        }
        List<String> ids = new ArrayList<>();
        for (String id : SEPARATORS.split(list.strip())) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }
}
