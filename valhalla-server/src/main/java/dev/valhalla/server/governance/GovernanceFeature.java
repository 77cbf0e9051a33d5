package dev.valhalla.server.governance;

import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.db.Database;
import dev.valhalla.server.core.events.ChangeNotifier;
import dev.valhalla.server.core.http.Feature;
import dev.valhalla.server.core.http.RequestBody;
import dev.valhalla.server.core.http.Routes;
import dev.valhalla.server.core.http.Route;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Scope;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Governance: the go-live gate, the kill switch, system metadata and the runbook.
 *
 * <p>Public: {@code GET /api/governance/runbook/status} (JSON) and {@code /markdown}. Admin (reason
 * required, every change audited in its transaction): {@code GET /system/governance/state},
 * {@code POST /system/governance/go-live} (enabling needs every blocking check to pass, else 409
 * naming them), {@code POST /system/governance/kill-switch} (engaging always succeeds at once),
 * {@code PUT /system/governance/metadata}.
 *
 * <p>Extension points: features implementing {@link RunbookContributor} add runbook checks; later
 * features read {@link #killSwitch()}.
 */
public final class GovernanceFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceFeature.class);
    /** The change topic announced when the go-live state changes. */
    static final String TOPIC = "governance.go_live";

    private final Database database;
    private final AuditTrail audit;
    private final List<Feature> features;
    private final Runbook runbook;
    private final KillSwitch killSwitch;
    private final ChangeNotifier changes;
    private volatile Map<String, String> revisions = Map.of();

    /**
     * @param database the database core
     * @param audit    where changes are recorded
     * @param changes  announces go-live changes to every instance (each reloads its {@link KillSwitch})
     * @param features the server's features, read at {@link #start()}: those implementing
     *                 {@link RunbookContributor} add their checks to the runbook
     */
    public GovernanceFeature(Database database, AuditTrail audit, ChangeNotifier changes, List<Feature> features) {
        this.database = database;
        this.audit = audit;
        this.features = features;
        this.runbook = new Runbook(database, Clock.systemUTC());
        this.killSwitch = new KillSwitch(GoLiveState.initial(Clock.systemUTC().instant()));
        this.changes = changes;
        BuiltInChecks.all(() -> revisions).forEach(runbook::add);
    }

    /** The kill switch and go-live gate as last known; read it on hot paths instead of the database. */
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/governance/runbook/status", Scope.PUBLIC, "Run the go-live runbook: every check, the verdict, the go-live state",
                ctx -> ctx.json(status(runbook.run())));
        routes.get("/api/governance/runbook/markdown", Scope.PUBLIC, "The go-live runbook as Markdown",
                ctx -> ctx.contentType("text/markdown; charset=utf-8").result(RunbookMarkdown.render(runbook.run(), killSwitch.state())));
        routes.get("/system/governance/state", Scope.ADMIN, "Go-live state, kill switch and system metadata", this::state);
        routes.post("/system/governance/go-live", Scope.ADMIN, "Enable (only when blocking runbook checks pass) or disable go-live", this::goLive);
        routes.post("/system/governance/kill-switch", Scope.ADMIN, "Engage (always, at once) or release the kill switch", this::killSwitch);
        routes.put("/system/governance/metadata", Scope.ADMIN, "Replace the system metadata (version, backend complete, notes)", this::metadata);
        routes.guard(RequestGuard.Stage.AFTER_AUTHENTICATION, killSwitch.guard(GovernanceFeature::protectedByKillSwitch));
    }

    /**
     * The routes the kill switch closes while engaged: service-facing writes. Administration
     * ({@code /system/*}) stays open so operators can act, reads stay open, and the flag client APIs
     * stay open because they answer "off" for every flag instead.
     */
    static boolean protectedByKillSwitch(Route route) {
        return route.writes()
                && !route.path().startsWith("/system/")
                && !route.path().startsWith("/api/client/")
                && !route.path().startsWith("/ofrep/");
    }

    @Override
    public void start() {
        GoLiveState state = database.inTransaction(handle -> {
            GovernanceStore store = new GovernanceStore(handle);
            store.seed();
            return store.goLive().orElseThrow();
        });
        killSwitch.set(state);
        revisions = ServerRevisions.checksums();
        for (Feature feature : features) {
            if (feature instanceof RunbookContributor contributor) {
                contributor.runbookChecks().forEach(runbook::add);
            }
        }
        changes.subscribe(TOPIC, this::reload);
    }

    /** Reloads the go-live state after a change on any instance (and periodically, as a safety net). */
    private void reload() {
        database.readOnly(handle -> new GovernanceStore(handle).goLive()).ifPresent(killSwitch::refresh);
    }

    private Map<String, Object> status(RunbookReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", report.verdict());
        body.put("goLiveAllowed", report.goLiveAllowed());
        body.put("checkedAt", report.checkedAt());
        body.put("durationMs", report.durationMs());
        body.put("checks", report.checks());
        body.put("goLive", killSwitch.state());
        return body;
    }

    private void state(Context ctx, Handle handle) {
        GovernanceStore store = new GovernanceStore(handle);
        GoLiveState goLive = store.goLive().orElseThrow();
        killSwitch.refresh(goLive);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("goLive", goLive);
        body.put("metadata", store.metadata().orElseThrow());
        ctx.json(body);
    }

    private void goLive(Context ctx) {
        GovernanceRequests.GoLiveChange change = RequestBody.json(ctx, GovernanceRequests.GoLiveChange.class);
        String actor = AuditEntry.actor(ctx);
        if (change.enabled()) {
            RunbookReport report = runbook.run();
            if (!report.goLiveAllowed()) {
                throw new GoLiveBlockedException(report.blockingFailures());
            }
        }
        GoLiveState after = database.inTransaction(handle -> {
            GovernanceStore store = new GovernanceStore(handle);
            GoLiveState before = store.lockGoLive();
            GoLiveState changed = store.setGoLive(change.enabled(), actor, change.reason());
            audit.record(handle, new AuditEntry(actor, change.enabled() ? "go_live.enable" : "go_live.disable",
                    "go_live_state", "1", before, changed, change.reason()));
            changes.publish(handle, TOPIC);
            return changed;
        });
        killSwitch.set(after);
        LOG.info("Go-live {} by {}: {}", change.enabled() ? "enabled" : "disabled", actor, change.reason());
        ctx.json(after);
    }

    private void killSwitch(Context ctx) {
        GovernanceRequests.KillSwitchChange change = RequestBody.json(ctx, GovernanceRequests.KillSwitchChange.class);
        String actor = AuditEntry.actor(ctx);
        if (change.engaged()) {
            // takes effect on this instance before the database is touched: engaging must never wait or fail
            GoLiveState held = killSwitch.state();
            killSwitch.set(new GoLiveState(held.goLiveEnabled(), true, actor, change.reason(), Clock.systemUTC().instant()));
        }
        GoLiveState after = database.inTransaction(handle -> {
            GovernanceStore store = new GovernanceStore(handle);
            GoLiveState before = store.lockGoLive();
            GoLiveState changed = store.setKillSwitch(change.engaged(), actor, change.reason());
            audit.record(handle, new AuditEntry(actor, change.engaged() ? "kill_switch.engage" : "kill_switch.release",
                    "go_live_state", "1", before, changed, change.reason()));
            changes.publish(handle, TOPIC);
            return changed;
        });
        killSwitch.set(after);
        if (change.engaged()) {
            LOG.warn("Kill switch engaged by {}: {}", actor, change.reason());
        } else {
            LOG.info("Kill switch released by {}: {}", actor, change.reason());
        }
        ctx.json(after);
    }

    private void metadata(Context ctx, Handle handle) {
        GovernanceRequests.MetadataChange change = RequestBody.json(ctx, GovernanceRequests.MetadataChange.class);
        String actor = AuditEntry.actor(ctx);
        GovernanceStore store = new GovernanceStore(handle);
        SystemMetadata before = store.lockMetadata();
        SystemMetadata after = store.updateMetadata(change.version(), change.backendComplete(), change.notes());
        audit.record(handle, new AuditEntry(actor, "system_metadata.update", "system_metadata", "1", before, after,
                change.reason()));
        ctx.json(after);
    }
}
