package dev.valhalla.server.security;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client's address. The TCP peer is the client unless it is a trusted proxy; then
 * {@code X-Forwarded-For} is read from the right (each proxy appends the address it received the
 * request from), skipping trusted proxies, and the right-most untrusted address is the client.
 * Entries left of it are whatever the client chose to send and are ignored. When every entry is
 * trusted, the left-most one is the client; an unparsable entry stops the walk at the last address
 * that could be trusted. Thread-safe (immutable).
 */
final class ClientAddress {

    private final List<Cidr> trustedProxies;

    ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param peer          the TCP peer's address text
     * @param forwardedFor  the {@code X-Forwarded-For} header values joined by commas, or null
     * @return the client address; empty only when the peer itself is not an IP literal
     */
    Optional<InetAddress> resolve(String peer, String forwardedFor) {
        Optional<InetAddress> peerAddress = IpAddresses.parse(peer);
        if (peerAddress.isEmpty() || !trusted(peerAddress.get()) || forwardedFor == null || forwardedFor.isBlank()) {
            return peerAddress;
        }
        String[] hops = forwardedFor.split(",");
        InetAddress client = peerAddress.get();
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddresses.parse(hops[i]);
            if (hop.isEmpty()) {
                return Optional.of(client);
            }
            client = hop.get();
            if (!trusted(client)) {
                return Optional.of(client);
            }
        }
        return Optional.of(client);
    }

    private boolean trusted(InetAddress address) {
        for (Cidr network : trustedProxies) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
