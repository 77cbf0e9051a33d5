package dev.valhalla.server.keys;

import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.error.UnauthorizedException;
import dev.valhalla.server.core.http.Authenticator;
import dev.valhalla.server.core.http.PresentedKey;
import dev.valhalla.server.core.http.Principal;
import io.javalin.http.Context;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authenticates requests by the API key they present (see {@link PresentedKey}):
 * parses the key id out of the key, loads that one row (never a scan over hashes), compares SHA-256 of
 * the presented key with the stored hash in constant time, then checks revocation, the client and
 * expiry against the clock. Rows are cached; every key change empties the cache of this instance
 * before and after its commit and, through the change notification, of every other instance on commit,
 * so a revocation applies at once. The TTL ({@link #CACHE_TTL_NANOS}) only bounds staleness should
 * notifications be lost. Failures are 401 with {@code WWW-Authenticate} (RFC 6750) and
 * never echo the presented key. Thread-safe.
 */
final class KeyAuthenticator implements Authenticator {

    static final String API_KEY_HEADER = PresentedKey.API_KEY_HEADER;
    static final long CACHE_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int CACHE_MAX = 10_000;
    private static final String CHALLENGE = "Bearer realm=\"valhalla\"";

    private final Database database;
    private final Clock clock;
    private final LastUsedRecorder lastUsed;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    KeyAuthenticator(Database database, Clock clock, LastUsedRecorder lastUsed) {
        this.database = database;
        this.clock = clock;
        this.lastUsed = lastUsed;
    }

    private record Cached(StoredKey key, long loadedAt) {
    }

    @Override
    public Principal authenticate(Context ctx) {
        String presented = presented(ctx);
        if (presented == null) {
            ctx.header("WWW-Authenticate", CHALLENGE);
            throw new UnauthorizedException(KeyErrorCode.API_KEY_MISSING,
                    "Send an API key as 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + ": <key>'");
        }
        KeyToken token = KeyToken.parse(presented).orElseThrow(() -> refused(ctx, KeyErrorCode.API_KEY_INVALID,
                "The API key is not in the vh_<id>_<secret> format"));
        StoredKey key = lookup(token.keyId()).orElse(null);
        if (key == null || !MessageDigest.isEqual(key.secretHash(), token.hash())) {
            throw refused(ctx, KeyErrorCode.API_KEY_INVALID, "Unknown API key");
        }
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            throw refused(ctx, KeyErrorCode.API_KEY_REVOKED, "API key " + key.id() + " was revoked at " + key.revokedAt());
        }
        if (key.clientDisabledAt() != null) {
            throw refused(ctx, KeyErrorCode.API_KEY_REVOKED, "The client of API key " + key.id() + " is disabled");
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            throw refused(ctx, KeyErrorCode.API_KEY_EXPIRED, "API key " + key.id() + " expired at " + key.expiresAt());
        }
        lastUsed.used(key.id(), now);
        return new Principal(key.id(), key.clientId(), key.scopes());
    }

    /** Empties the cache; called before and after the commit of every key change. */
    void forgetAll() {
        generation.incrementAndGet();
        cache.clear();
    }

    private Optional<StoredKey> lookup(String keyId) {
        Cached cached = cache.get(keyId);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < CACHE_TTL_NANOS) {
            return Optional.of(cached.key());
        }
        long loadedGeneration = generation.get();
        Optional<StoredKey> loaded = database.executeWithRetry(handle -> new KeyStore(handle).stored(keyId));
        // a change committed while loading bumped the generation: do not cache what may predate it
        if (loaded.isPresent() && generation.get() == loadedGeneration) {
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            cache.put(keyId, new Cached(loaded.get(), now));
        }
        return loaded;
    }

    private static String presented(Context ctx) {
        return PresentedKey.of(ctx).orElse(null);
    }

    private static UnauthorizedException refused(Context ctx, KeyErrorCode code, String detail) {
        ctx.header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        return new UnauthorizedException(code, detail);
    }
}
