package dev.valhalla.server.keys;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.ConflictException;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Scope;
import org.jdbi.v3.core.Handle;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every change to clients and keys, each in the caller's transaction with its audit entry (before and
 * after, never a secret or hash). Changes take the key change lock first, so the "last active admin
 * key" guard cannot race, empty this instance's key cache before and after commit, and publish
 * {@value #CHANGE_TOPIC} so other instances empty theirs on commit. Thread-safe.
 */
final class KeyLifecycle {

    /** Published in the transaction of every key change; every instance drops its cached keys. */
    static final String CHANGE_TOPIC = "keys";
    private static final int KEY_ID_ATTEMPTS = 5;

    private final AuditTrail audit;
    private final ChangeNotifier changes;
    private final Clock clock;
    private final KeyAuthenticator authenticator;
    private final SecureRandom random = new SecureRandom();

    KeyLifecycle(AuditTrail audit, ChangeNotifier changes, Clock clock, KeyAuthenticator authenticator) {
        this.audit = audit;
        this.changes = changes;
        this.clock = clock;
        this.authenticator = authenticator;
    }

    /** The clock's time at PostgreSQL's precision, so what is stored compares equal to what was decided. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    ApiClient createClient(Handle handle, KeyRequests.NewClient request, String actor) {
        KeyStore store = begin(handle);
        Instant now = now();
        if (!store.insertClient(request.id(), request.description(), now, actor)) {
            throw new ConflictException(KeyErrorCode.API_CLIENT_EXISTS, "API client '" + request.id() + "' already exists");
        }
        ApiClient created = store.client(request.id(), now).orElseThrow();
        audit.record(handle, new AuditEntry(actor, "api_client.create", "api_client", created.id(), null, created, null));
        return created;
    }

    /** Disables a client and revokes its active keys. */
    ApiClient disableClient(Handle handle, String clientId, String reason, String actor) {
        KeyStore store = begin(handle);
        Instant now = now();
        ApiClient before = store.client(clientId, now).orElseThrow(() -> clientNotFound(clientId));
        if (before.disabledAt() != null) {
            return before;
        }
        for (String keyId : store.activeKeyIds(clientId, now)) {
            revokeRow(handle, store, keyId, reason, actor, now);
        }
        store.disableClient(clientId, now, actor);
        requireAdminKeyLeft(store, now);
        ApiClient after = store.client(clientId, now).orElseThrow();
        audit.record(handle, new AuditEntry(actor, "api_client.disable", "api_client", clientId, before, after, reason));
        return after;
    }

    IssuedKey issue(Handle handle, KeyRequests.NewKey request, String actor) {
        KeyStore store = begin(handle);
        Instant now = now();
        requireFuture(request.expiresAt(), now);
        ApiClient client = store.client(request.clientId(), now)
                .orElseThrow(() -> ValidationException.of("clientId", "no API client '" + request.clientId() + "'"));
        if (client.disabledAt() != null) {
            throw new ConflictException(KeyErrorCode.API_CLIENT_DISABLED, "API client '" + client.id() + "' is disabled");
        }
        return insert(handle, store, null, new Spec(request.clientId(), request.name(), request.scopeSet(),
                request.expiresAt()), new KeyStore.Creation(now, actor, null), null);
    }

    /** The first start's key: {@code preset} when given (from the environment), else a new one. */
    IssuedKey issueBootstrap(Handle handle, String clientId, KeyToken preset) {
        KeyStore store = begin(handle);
        Instant now = now();
        if (store.insertClient(clientId, "Created at first start", now, AuditEntry.SYSTEM)) {
            audit.record(handle, new AuditEntry(AuditEntry.SYSTEM, "api_client.create", "api_client", clientId, null,
                    store.client(clientId, now).orElseThrow(), "first start"));
        }
        return insert(handle, store, preset, new Spec(clientId, "first start admin key", Set.of(Scope.ADMIN), null),
                new KeyStore.Creation(now, AuditEntry.SYSTEM, null), "first start");
    }

    boolean anyAdminKeyEver(Handle handle) {
        KeyStore store = begin(handle);
        return store.anyAdminKeyEver();
    }

    /** Revokes a key; revoking a revoked key changes nothing. */
    ApiKey revoke(Handle handle, String keyId, String reason, String actor) {
        KeyStore store = begin(handle);
        Instant now = now();
        ApiKey before = store.key(keyId, now).orElseThrow(() -> keyNotFound(keyId));
        if (before.revokedAt() != null) {
            return before;
        }
        ApiKey after = revokeRow(handle, store, keyId, reason, actor, now);
        requireAdminKeyLeft(store, now);
        return after;
    }

    /**
     * Issues a successor with the same client, name and scopes; the old key keeps working until
     * {@code overlap} elapses (or its own earlier expiry), then fails.
     */
    IssuedKey rotate(Handle handle, String keyId, KeyRequests.Rotation request, String actor) {
        KeyStore store = begin(handle);
        Instant now = now();
        requireFuture(request.expiresAt(), now);
        ApiKey old = store.key(keyId, now).orElseThrow(() -> keyNotFound(keyId));
        if (!old.status().equals("active")) {
            throw new ConflictException(KeyErrorCode.API_KEY_NOT_ACTIVE, "API key " + keyId + " is " + old.status()
                    + "; only an active key can be rotated (create a new key instead)");
        }
        store.successor(keyId).ifPresent(next -> {
            throw new ConflictException(KeyErrorCode.API_KEY_NOT_ACTIVE, "API key " + keyId + " was already rotated to "
                    + next + "; rotate that key instead");
        });
        Set<Scope> scopes = old.scopes().stream().map(scope -> Scope.valueOf(scope.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        IssuedKey issued = insert(handle, store, null, new Spec(old.clientId(), old.name(), scopes, request.expiresAt()),
                new KeyStore.Creation(now, actor, keyId), request.reason());
        store.expireBy(keyId, now.plus(request.overlap()));
        ApiKey after = store.key(keyId, now).orElseThrow();
        audit.record(handle, new AuditEntry(actor, "api_key.rotate", "api_key", keyId, old,
                Map.of("key", after, "successor", issued.apiKey().id(), "overlap", request.overlap().toString()),
                request.reason()));
        return issued;
    }

    private record Spec(String clientId, String name, Set<Scope> scopes, Instant expiresAt) {
    }

    private IssuedKey insert(Handle handle, KeyStore store, KeyToken preset, Spec spec, KeyStore.Creation creation,
                             String reason) {
        for (int attempt = 0; attempt < KEY_ID_ATTEMPTS; attempt++) {
            KeyToken token = preset != null ? preset : KeyToken.generate(random);
            if (store.insertKey(token, spec.clientId(), spec.name(), spec.scopes(), spec.expiresAt(), creation)) {
                ApiKey created = store.key(token.keyId(), creation.at()).orElseThrow();
                audit.record(handle, new AuditEntry(creation.by(), "api_key.create", "api_key", created.id(), null,
                        created, reason));
                return new IssuedKey(token.value(), created);
            }
            if (preset != null) {
                throw new ConflictException(KeyErrorCode.API_KEY_NOT_ACTIVE, "an API key with id " + preset.keyId() + " exists");
            }
        }
        throw new IllegalStateException("no free key id after " + KEY_ID_ATTEMPTS + " random draws");
    }

    private ApiKey revokeRow(Handle handle, KeyStore store, String keyId, String reason, String actor, Instant now) {
        ApiKey before = store.key(keyId, now).orElseThrow();
        store.revoke(keyId, now, actor);
        ApiKey after = store.key(keyId, now).orElseThrow();
        audit.record(handle, new AuditEntry(actor, "api_key.revoke", "api_key", keyId, before, after, reason));
        return after;
    }

    private KeyStore begin(Handle handle) {
        KeyStore store = new KeyStore(handle);
        store.lockChanges();
        // this instance forgets at once; the notification reaches every instance on commit
        authenticator.forgetAll();
        handle.afterCommit(authenticator::forgetAll);
        changes.publish(handle, CHANGE_TOPIC);
        return store;
    }

    private static void requireAdminKeyLeft(KeyStore store, Instant now) {
        if (store.activeAdminKeys(now) == 0) {
            throw new ConflictException(KeyErrorCode.LAST_ADMIN_KEY,
                    "This would leave no active admin key; create another admin key first");
        }
    }

    private static void requireFuture(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ValidationException.of("expiresAt", "must be in the future");
        }
    }

    private static NotFoundException clientNotFound(String clientId) {
        return new NotFoundException(KeyErrorCode.API_CLIENT_NOT_FOUND, "No API client '" + clientId + "'");
    }

    static NotFoundException keyNotFound(String keyId) {
        // a path holding a whole key by mistake must not be echoed
        return new NotFoundException(KeyErrorCode.API_KEY_NOT_FOUND, KeyToken.KEY_ID.matcher(keyId).matches()
                ? "No API key with id '" + keyId + "'" : "No API key with that id (ids are 8 letters and digits)");
    }
}
