package dev.valhalla.server.security;

import dev.valhalla.server.core.error.ForbiddenException;
import dev.valhalla.server.core.error.StandardErrorCode;
import dev.valhalla.server.core.error.ValhallaException;
import dev.valhalla.server.core.http.ClientIp;
import dev.valhalla.server.core.http.Correlation;
import dev.valhalla.server.core.http.PresentedKey;
import dev.valhalla.server.core.http.Principal;
import dev.valhalla.server.core.http.RequestGuard;
import dev.valhalla.server.core.http.Route;
import io.javalin.http.Context;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The checks run on requests at the edge, reading only the in-memory {@link RuleSet}: the blocklist
 * (before authentication, 403 problem of type {@code blocked}), client rules again after
 * authentication (for keys created since the last reload), and honeypots (answered with the same 404
 * problem as any unknown path, the hit queued for the writer). A request is checked once even when
 * both the every-request hook and the route guard see it. Thread-safe.
 */
final class SecurityEdge {

    static final String CHECKED = "valhalla.security.checked";
    static final List<String> RECORDED_HEADERS = List.of("Host", "Accept", "Accept-Language", "Accept-Encoding",
            "Referer", "Origin", "Content-Type", "Content-Length", "Via", "X-Forwarded-For", "X-Forwarded-Proto");
    private static final int MAX_HEADER = 256;

    private final Blocklist blocklist;
    private final ClientAddress clientAddress;
    private final HitLedger ledger;
    private final HoneypotRecorder honeypots;
    private final Clock clock;

    SecurityEdge(Blocklist blocklist, ClientAddress clientAddress, HitLedger ledger, HoneypotRecorder honeypots, Clock clock) {
        this.blocklist = blocklist;
        this.clientAddress = clientAddress;
        this.ledger = ledger;
        this.honeypots = honeypots;
        this.clock = clock;
    }

    /** Every request, matched or not: blocklist, then honeypots. */
    void inspect(Context ctx) {
        if (ctx.attribute(CHECKED) != null) {
            return;
        }
        ctx.attribute(CHECKED, Boolean.TRUE);
        RuleSet rules = blocklist.current();
        InetAddress address = refuseIfListed(ctx, rules);
        Optional<Honeypot> honeypot = rules.honeypot(ctx.method().name(), ctx.path());
        if (honeypot.isPresent()) {
            honeypots.record(honeypot.get(), hit(ctx, honeypot.get(), address));
            // exactly what an unknown path answers, so the decoy cannot be told apart
            throw new ValhallaException(StandardErrorCode.ROUTE_NOT_FOUND, "No route matches this path");
        }
    }

    /** The guard of matched routes before authentication. */
    RequestGuard beforeAuthentication() {
        return (Context ctx, Route route, Optional<Principal> principal) -> inspect(ctx);
    }

    /** The guard after authentication: client rules by the authenticated client. */
    RequestGuard afterAuthentication() {
        return (Context ctx, Route route, Optional<Principal> principal) -> {
            if (principal.isEmpty()) {
                return;
            }
            Optional<BlockRule> rule = blocklist.current().matchClient(principal.get().clientId(), clock.instant());
            if (rule.isPresent()) {
                refuse(ctx, rule.get(), null);
            }
        };
    }

    private InetAddress refuseIfListed(Context ctx, RuleSet rules) {
        InetAddress address = clientAddress.resolve(ctx.ip(), forwardedFor(ctx)).orElse(null);
        if (address != null) {
            ClientIp.set(ctx, IpAddresses.format(address));
        }
        RequestFacts facts = new RequestFacts(address, keyId(ctx), ctx.header("User-Agent"), ctx.path());
        Optional<BlockRule> rule = rules.match(facts, clock.instant());
        if (rule.isPresent()) {
            refuse(ctx, rule.get(), address);
        }
        return address;
    }

    private void refuse(Context ctx, BlockRule rule, InetAddress address) {
        InetAddress source = address != null ? address
                : clientAddress.resolve(ctx.ip(), forwardedFor(ctx)).orElse(null);
        ledger.blocked(rule, source == null ? null : IpAddresses.format(source));
        throw new ForbiddenException(SecurityErrorCode.BLOCKED, "This request is blocked by a security policy");
    }

    private static String forwardedFor(Context ctx) {
        List<String> values = ctx.req().getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
        return values.isEmpty() ? null : String.join(",", values);
    }

    static String keyId(Context ctx) {
        String presented = PresentedKey.of(ctx).orElse(null);
        if (presented == null) {
            return null;
        }
        Matcher matcher = RuleKind.PRESENTED_KEY_ID.matcher(presented.trim());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private HoneypotHit hit(Context ctx, Honeypot honeypot, InetAddress address) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RECORDED_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                headers.put(name.toLowerCase(Locale.ROOT), truncate(value));
            }
        }
        return new HoneypotHit(honeypot.id(), clock.instant(), address == null ? ctx.ip() : IpAddresses.format(address),
                ctx.method().name(), ctx.path(), truncate(ctx.header("User-Agent")), headers, Correlation.id(ctx));
    }

    private static String truncate(String value) {
        return value == null || value.length() <= MAX_HEADER ? value : value.substring(0, MAX_HEADER);
    }
}
