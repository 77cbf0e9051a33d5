package dev.valhalla.migrate.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code jdbc:postgresql:} URL split around its database name, so that another database on the same server
 * can be addressed with the same hosts, ports and parameters.
 *
 * @param prefix     everything before the database name, such as {@code jdbc:postgresql://db:5432/}
 * @param database   the database name; empty when the URL names none (the driver then uses the user name)
 * @param parameters the query string with its {@code ?}, or empty
 */
record DatabaseUrl(String prefix, String database, String parameters) {

    // jdbc:postgresql://host1:port1,host2:port2/database?parameters, or jdbc:postgresql:database?parameters
    private static final Pattern WITH_HOSTS = Pattern.compile("(jdbc:postgresql://[^/?]*/?)([^?]*)(\\?.*)?");
    private static final Pattern WITHOUT_HOSTS = Pattern.compile("(jdbc:postgresql:)([^/?][^?]*)?(\\?.*)?");

    static DatabaseUrl parse(String jdbcUrl) {
        for (Pattern pattern : new Pattern[] {WITH_HOSTS, WITHOUT_HOSTS}) {
            Matcher matcher = pattern.matcher(jdbcUrl);
            if (matcher.matches()) {
                String prefix = matcher.group(1);
                if (pattern == WITH_HOSTS && !prefix.endsWith("/")) {
                    prefix = prefix + "/";
                }
                return new DatabaseUrl(prefix, orEmpty(matcher.group(2)), orEmpty(matcher.group(3)));
            }
        }
        throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + jdbcUrl);
    }

    /** The same URL naming another database. */
    String withDatabase(String name) {
        return prefix + name + parameters;
    }

    private static String orEmpty(String group) {
        return group == null ? "" : group;
    }
}
