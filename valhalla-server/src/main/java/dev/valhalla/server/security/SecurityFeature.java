package dev.valhalla.server.security;

import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Routes;

import java.time.Clock;

/**
 * Security policies, the blocklist and honeypots. Registers {@code /system/security/…} and the edge
 * guards: the blocklist before authentication, client rules after it. The rules live in memory as a
 * compiled snapshot, reloaded on every instance when a change is published on the
 * {@link ChangeNotifier} (and at its periodic refresh); blocked-request counts and honeypot hits are
 * written by a background writer, never by the request.
 *
 * <p>Requests that match no route (unknown paths, honeypots) are seen only through
 * {@link #inspectEveryRequest}, which the HTTP core must call for every request before routing.
 */
public final class SecurityFeature implements Feature {

    private final ChangeNotifier changes;
    private final Blocklist blocklist;
    private final HitLedger ledger;
    private final HoneypotRecorder honeypots;
    private final SecurityEdge edge;
    private final SecurityRoutes routes;

    /**
     * @param audit    where every change is recorded
     * @param changes  cross-instance invalidation of the rule snapshot
     * @param clock    rule expiry, hit times and honeypot windows
     * @param settings trusted proxies and the flush interval
     */
    public SecurityFeature(Database database, AuditTrail audit, ChangeNotifier changes, Clock clock,
                           SecuritySettings settings) {
        this.changes = changes;
        this.blocklist = new Blocklist(database);
        this.ledger = new HitLedger(database, clock);
        SecurityAdmin admin = new SecurityAdmin(audit, changes, clock, blocklist::reloadAfterCommit);
        this.honeypots = new HoneypotRecorder(database, admin, ledger, settings.flushInterval());
        this.edge = new SecurityEdge(blocklist, new ClientAddress(settings.trustedProxies()), ledger, honeypots, clock);
        this.routes = new SecurityRoutes(admin, blocklist, ledger, honeypots);
    }

    @Override
    public void register(Routes registry) {
        registry.guard(RequestGuard.Stage.BEFORE_AUTHENTICATION, edge.beforeAuthentication());
        registry.guard(RequestGuard.Stage.AFTER_AUTHENTICATION, edge.afterAuthentication());
        registry.beforeRouting(this::inspectEveryRequest);
        routes.register(registry);
    }

    @Override
    public void start() {
        changes.subscribe(Blocklist.TOPIC, blocklist::reloadAfterCommit);
        blocklist.reload();
        honeypots.start();
    }

    @Override
    public void stop() {
        honeypots.stop();
        ledger.flush();
    }

    /**
     * The blocklist and honeypot check for any request, matched or not; throws the problem to answer.
     * Meant for a before-routing hook of the HTTP core, so unknown paths and honeypots are covered.
     */
    public void inspectEveryRequest(io.javalin.http.Context ctx) {
        edge.inspect(ctx);
    }
}
