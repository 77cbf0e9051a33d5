package dev.valhalla.server.flags;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or single address, as used by
 * the {@code remoteAddress} strategy and the {@code IN_CIDR} operator. Parsing never resolves names.
 */
final class IpNetwork {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final byte[] address;
    private final int prefix;

    private IpNetwork(byte[] address, int prefix) {
        this.address = address;
        this.prefix = prefix;
    }

    /** The network written as {@code address} or {@code address/prefix}, or null when it is not one. */
    static IpNetwork parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return null;
            }
        }
        return new IpNetwork(address, prefix);
    }

    /** The bytes of an IPv4 or IPv6 literal (4 or 16), or null when the text is not one. */
    static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        if (!IPV6_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            // starts with a hex digit or ':' and contains ':', so the JDK parses it as a literal and never queries DNS
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    boolean contains(byte[] candidate) {
        if (candidate == null || candidate.length != address.length) {
            return false;
        }
        int fullBytes = prefix / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != address[i]) {
                return false;
            }
        }
        int remainder = prefix % 8;
        if (remainder == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainder)) & 0xff;
        return (candidate[fullBytes] & mask) == (address[fullBytes] & mask);
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
