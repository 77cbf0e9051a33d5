package dev.valhalla.server.keys;

import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.Routes;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * API clients and keys: installs the {@link dev.valhalla.server.core.http.Authenticator} every
 * non-public route goes through, registers {@code /system/api-clients} and {@code /system/api-keys},
 * and on the first start (no admin key ever created) creates client {@code admin} with an admin key,
 * printing it once to the {@link AdminBootstrap#console()} (the preset key, if any, is stored
 * instead and not printed). Validated keys are cached in memory; every key change publishes
 * {@value KeyLifecycle#CHANGE_TOPIC} through the {@link ChangeNotifier}, so all instances drop their
 * cache when it commits (and this instance also at once). Only SHA-256 hashes of keys are stored. Several instances starting at
 * once create one key: the bootstrap runs under the key change lock.
 */
public final class KeysFeature implements Feature {

    /** The client the first start creates. */
    public static final String ADMIN_CLIENT = "admin";

    private final Database database;
    private final AdminBootstrap bootstrap;
    private final LastUsedRecorder lastUsed;
    private final KeyAuthenticator authenticator;
    private final KeyLifecycle lifecycle;

    /**
     * @param audit     where every change is recorded
     * @param changes   tells every instance (this one included) to drop cached keys when a change commits
     * @param clock     the time of expiry checks, overlap windows and timestamps
     * @param bootstrap what the first start does
     */
    public KeysFeature(Database database, AuditTrail audit, ChangeNotifier changes, Clock clock, AdminBootstrap bootstrap) {
        this.database = database;
        this.bootstrap = bootstrap;
        this.lastUsed = new LastUsedRecorder(database);
        this.authenticator = new KeyAuthenticator(database, clock, lastUsed);
        this.lifecycle = new KeyLifecycle(audit, changes, clock, authenticator);
        changes.subscribe(KeyLifecycle.CHANGE_TOPIC, authenticator::forgetAll);
    }

    @Override
    public void register(Routes routes) {
        routes.authenticator(authenticator);
        new KeyRoutes(lifecycle).register(routes);
    }

    @Override
    public void start() {
        if (!bootstrap.enabled()) {
            return;
        }
        KeyToken preset = bootstrap.presetKey().map(value -> KeyToken.parse(value).orElseThrow(() ->
                new IllegalArgumentException("VALHALLA_ADMIN_KEY: expected a key in the vh_<8 letters or digits>_<43 letters"
                        + " or digits> format (the value is not shown)"))).orElse(null);
        database.inTransaction(handle -> {
            if (lifecycle.anyAdminKeyEver(handle)) {
                return null;
            }
            IssuedKey issued = lifecycle.issueBootstrap(handle, ADMIN_CLIENT, preset);
            handle.afterCommit(() -> announce(issued, preset != null));
            return null;
        });
    }

    @Override
    public void stop() {
        lastUsed.stop(Duration.ofSeconds(5));
    }

    private void announce(IssuedKey issued, boolean preset) {
        PrintStream out = bootstrap.console();
        out.println();
        if (preset) {
            out.println("First start: stored the admin API key from VALHALLA_ADMIN_KEY (" + issued.apiKey().prefix()
                    + "…) for client '" + ADMIN_CLIENT + "'.");
        } else {
            out.println("First start: created API client '" + ADMIN_CLIENT + "' with an admin API key.");
            out.println("It is shown only this once and only its hash is stored; keep it somewhere safe:");
            out.println();
            out.println("    " + issued.key());
            out.println();
            out.println("Use it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        out.flush();
    }
}
