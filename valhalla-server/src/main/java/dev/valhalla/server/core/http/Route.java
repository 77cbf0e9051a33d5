package dev.valhalla.server.core.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One registered route as the route index, {@code /system/routes} and the OpenAPI document see it.
 *
 * @param method  HTTP method, upper case
 * @param path    Javalin path template, e.g. {@code /system/api-keys/{id}}
 * @param scope   scope the caller needs
 * @param writes  whether it changes state (derived from the method unless overridden)
 * @param summary one line for people
 */
public record Route(String method, String path, Scope scope, boolean writes, String summary) {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    public Route {
        method = method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(summary, "summary");
    }

    /** A route whose {@code writes} follows its method: GET, HEAD and OPTIONS read, the rest write. */
    public static Route of(String method, String path, Scope scope, String summary) {
        return new Route(method, path, scope, !READ_METHODS.contains(method.toUpperCase(Locale.ROOT)), summary);
    }

    /** A copy with {@code writes} overridden (e.g. a POST that only evaluates). */
    public Route withWrites(boolean newWrites) {
        return new Route(method, path, scope, newWrites, summary);
    }
}
