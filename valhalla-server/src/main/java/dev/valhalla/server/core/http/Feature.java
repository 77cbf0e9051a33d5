package dev.valhalla.server.core.http;

/**
 * A part of the product (keys, audit, governance, …) plugged into the server. Extension point:
 * construct it in {@code ServerApp} with the core objects it needs (usually the
 * {@link dev.valhalla.server.core.db.Database}) and append it to the feature list there.
 *
 * <p>Lifecycle: {@link #register} is called once while the HTTP server is configured (the database
 * schema may not be at head yet: do not touch the database there); {@link #start} once the schema is
 * at head and before readiness turns true (seed rows, bootstrap keys, start workers);
 * {@link #stop} in reverse order on shutdown after in-flight requests drained.
 */
public interface Feature {

    /** Registers routes, guards and, for the key feature, the {@link Authenticator}. */
    void register(Routes routes);

    /** Called once the schema is at head; the server is not ready until every feature started. */
    default void start() {
    }

    /** Stops workers; the database is still open. */
    default void stop() {
    }
}
