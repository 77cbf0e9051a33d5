package dev.valhalla.server.core.http;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.error.UnauthorizedException;
import dev.valhalla.server.core.error.ForbiddenException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way features add HTTP routes. Extension point: a {@link Feature#register(Routes)} calls
 * e.g. {@code routes.get("/system/audit", Scope.ADMIN, "Search the audit trail", this::search)}.
 *
 * <p>Every route is recorded in the {@link RouteIndex} (method, path template, scope, read/write,
 * summary) and wrapped by the edge, in this order: {@link RequestGuard.Stage#BEFORE_AUTHENTICATION}
 * guards, authentication by the installed {@link Authenticator} (skipped for {@link Scope#PUBLIC};
 * 401 when none is installed), the scope check (403), {@link RequestGuard.Stage#AFTER_AUTHENTICATION}
 * guards, then the handler. A {@link TransactionalHandler} additionally runs in the request's unit
 * of work: reads (GET, HEAD) on the read pool when there is one and retried on transient SQLSTATEs,
 * writes on the write pool, once. Correlation, access log, metrics and problem details wrap all of it.
 *
 * <p>Not thread-safe: used only while the server is being configured.
 */
public final class Routes {

    static final String ROUTE_ATTRIBUTE = "valhalla.route";

    private final RoutesConfig javalin;
    private final RouteIndex index;
    private final Database database;
    private final Map<RequestGuard.Stage, List<RequestGuard>> guards = new EnumMap<>(RequestGuard.Stage.class);
    private Authenticator authenticator;

    Routes(RoutesConfig javalin, RouteIndex index, Database database) {
        this.javalin = javalin;
        this.index = index;
        this.database = database;
        for (RequestGuard.Stage stage : RequestGuard.Stage.values()) {
            guards.put(stage, new ArrayList<>());
        }
    }

    /**
     * Adds a handler run for every request before routing, matched or not, after correlation: the
     * blocklist and honeypots must also see unknown paths. It refuses a request by throwing.
     */
    public void beforeRouting(Handler handler) {
        javalin.before(handler);
    }

    /** Installs the authenticator; there is exactly one (the API-key feature's). */
    public void authenticator(Authenticator installed) {
        if (authenticator != null) {
            throw new IllegalStateException("an authenticator is already installed");
        }
        authenticator = installed;
    }

    /** Adds a guard run for every route at the given stage, after the guards added before it. */
    public void guard(RequestGuard.Stage stage, RequestGuard guard) {
        guards.get(stage).add(guard);
    }

    /** The index of all routes registered so far (and later). */
    public RouteIndex index() {
        return index;
    }

    /** Registers a GET route. */
    public Route get(String path, Scope scope, String summary, Handler handler) {
        return add(Route.of("GET", path, scope, summary), handler);
    }

    /** Registers a GET route running in a read unit of work. */
    public Route get(String path, Scope scope, String summary, TransactionalHandler handler) {
        return add(Route.of("GET", path, scope, summary), handler);
    }

    /** Registers a POST route. */
    public Route post(String path, Scope scope, String summary, Handler handler) {
        return add(Route.of("POST", path, scope, summary), handler);
    }

    /** Registers a POST route running in a write unit of work. */
    public Route post(String path, Scope scope, String summary, TransactionalHandler handler) {
        return add(Route.of("POST", path, scope, summary), handler);
    }

    /** Registers a PUT route running in a write unit of work. */
    public Route put(String path, Scope scope, String summary, TransactionalHandler handler) {
        return add(Route.of("PUT", path, scope, summary), handler);
    }

    /** Registers a PATCH route running in a write unit of work. */
    public Route patch(String path, Scope scope, String summary, TransactionalHandler handler) {
        return add(Route.of("PATCH", path, scope, summary), handler);
    }

    /** Registers a DELETE route running in a write unit of work. */
    public Route delete(String path, Scope scope, String summary, TransactionalHandler handler) {
        return add(Route.of("DELETE", path, scope, summary), handler);
    }

    /** Registers any route, e.g. one built with {@link Route#withWrites(boolean)}. */
    public Route add(Route route, Handler handler) {
        index.add(route);
        javalin.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> {
            admit(ctx, route);
            handler.handle(ctx);
        });
        return route;
    }

    /** Registers any route whose handler runs in the request's unit of work. */
    public Route add(Route route, TransactionalHandler handler) {
        return add(route, (Handler) ctx -> {
            Database.Work<Object, Exception> work = handle -> {
                handler.handle(ctx, handle);
                return null;
            };
            if (route.writes()) {
                database.inTransaction(work);
            } else {
                database.readOnly(work);
            }
        });
    }

    private void admit(Context ctx, Route route) {
        ctx.attribute(ROUTE_ATTRIBUTE, route);
        for (RequestGuard guard : guards.get(RequestGuard.Stage.BEFORE_AUTHENTICATION)) {
            guard.check(ctx, route, Optional.empty());
        }
        Optional<Principal> principal = Optional.empty();
        if (route.scope() != Scope.PUBLIC) {
            if (authenticator == null) {
                throw new UnauthorizedException("This route requires an API key with scope "
                        + route.scope().name().toLowerCase(java.util.Locale.ROOT) + ", and no key store is configured");
            }
            Principal caller = authenticator.authenticate(ctx);
            if (!caller.allows(route.scope())) {
                throw new ForbiddenException("This route requires scope "
                        + route.scope().name().toLowerCase(java.util.Locale.ROOT) + "; the key holds " + caller.scopes());
            }
            ctx.attribute(Principal.ATTRIBUTE, caller);
            principal = Optional.of(caller);
        }
        for (RequestGuard guard : guards.get(RequestGuard.Stage.AFTER_AUTHENTICATION)) {
            guard.check(ctx, route, principal);
        }
    }

    /** The route the current request matched; empty for 404/405. */
    public static Optional<Route> matched(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ROUTE_ATTRIBUTE));
    }
}
