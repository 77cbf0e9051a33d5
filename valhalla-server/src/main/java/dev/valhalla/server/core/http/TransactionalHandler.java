package dev.valhalla.server.core.http;

import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

/**
 * A route handler that runs inside the request's unit of work: {@code handle} is in an open
 * transaction, committed when the handler returns and rolled back when it throws. Pass it to
 * {@link Routes}; stores take the handle: {@code (ctx, handle) -> ctx.json(new KeyStore(handle).list())}.
 */
@FunctionalInterface
public interface TransactionalHandler {

    /** Handles the request with the transaction's handle. */
    void handle(Context ctx, Handle handle) throws Exception;
}
