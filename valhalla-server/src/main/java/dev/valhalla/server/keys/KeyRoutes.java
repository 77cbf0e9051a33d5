package dev.valhalla.server.keys;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;

import java.util.Map;

/**
 * {@code /system/api-clients} and {@code /system/api-keys}, all admin scope. Secrets appear only in
 * the 201 responses of create and rotate.
 */
final class KeyRoutes {

    private final KeyLifecycle lifecycle;

    KeyRoutes(KeyLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void register(Routes routes) {
        routes.post("/system/api-clients", Scope.ADMIN, "Create an API client", this::createClient);
        routes.get("/system/api-clients", Scope.ADMIN, "List API clients", this::listClients);
        routes.get("/system/api-clients/{clientId}", Scope.ADMIN, "Show an API client", this::showClient);
        routes.post("/system/api-clients/{clientId}/disable", Scope.ADMIN,
                "Disable an API client and revoke its keys", this::disableClient);
        routes.post("/system/api-keys", Scope.ADMIN, "Create an API key (the key is shown once)", this::createKey);
        routes.get("/system/api-keys", Scope.ADMIN, "List API keys (never their secrets); filter by clientId", this::listKeys);
        routes.get("/system/api-keys/{keyId}", Scope.ADMIN, "Show an API key", this::showKey);
        routes.post("/system/api-keys/{keyId}/revoke", Scope.ADMIN, "Revoke an API key at once", this::revokeKey);
        routes.post("/system/api-keys/{keyId}/rotate", Scope.ADMIN,
                "Issue a successor key; the old one works until the overlap elapses", this::rotateKey);
    }

    private void createClient(Context ctx, Handle handle) {
        KeyRequests.NewClient request = RequestBody.json(ctx, KeyRequests.NewClient.class);
        ctx.status(201).json(lifecycle.createClient(handle, request, AuditEntry.actor(ctx)));
    }

    private void listClients(Context ctx, Handle handle) {
        ctx.json(Map.of("clients", new KeyStore(handle).clients(lifecycle.now())));
    }

    private void showClient(Context ctx, Handle handle) {
        String clientId = ctx.pathParam("clientId");
        ctx.json(new KeyStore(handle).client(clientId, lifecycle.now()).orElseThrow(() ->
                new NotFoundException(KeyErrorCode.API_CLIENT_NOT_FOUND,
                        "No API client '" + clientId + "'")));
    }

    private void disableClient(Context ctx, Handle handle) {
        KeyRequests.Reason request = optionalBody(ctx, KeyRequests.Reason.class, new KeyRequests.Reason(null));
        ctx.json(lifecycle.disableClient(handle, ctx.pathParam("clientId"), request.reason(), AuditEntry.actor(ctx)));
    }

    private void createKey(Context ctx, Handle handle) {
        KeyRequests.NewKey request = RequestBody.json(ctx, KeyRequests.NewKey.class);
        ctx.status(201).json(lifecycle.issue(handle, request, AuditEntry.actor(ctx)));
    }

    private void listKeys(Context ctx, Handle handle) {
        ctx.json(Map.of("keys", new KeyStore(handle).keys(ctx.queryParam("clientId"), lifecycle.now())));
    }

    private void showKey(Context ctx, Handle handle) {
        String keyId = ctx.pathParam("keyId");
        ctx.json(new KeyStore(handle).key(keyId, lifecycle.now()).orElseThrow(() -> KeyLifecycle.keyNotFound(keyId)));
    }

    private void revokeKey(Context ctx, Handle handle) {
        KeyRequests.Reason request = optionalBody(ctx, KeyRequests.Reason.class, new KeyRequests.Reason(null));
        ctx.json(lifecycle.revoke(handle, ctx.pathParam("keyId"), request.reason(), AuditEntry.actor(ctx)));
    }

    private void rotateKey(Context ctx, Handle handle) {
        KeyRequests.Rotation request = optionalBody(ctx, KeyRequests.Rotation.class, new KeyRequests.Rotation(null, null, null));
        ctx.status(201).json(lifecycle.rotate(handle, ctx.pathParam("keyId"), request, AuditEntry.actor(ctx)));
    }

    /** Actions whose body is optional: no body at all means the defaults; any body is parsed strictly. */
    private static <T> T optionalBody(Context ctx, Class<T> type, T defaults) {
        return ctx.bodyAsBytes().length == 0 ? defaults : RequestBody.json(ctx, type);
    }
}
