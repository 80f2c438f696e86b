package org.cloudtrailopensearch.mapper.rules;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP literal parsing without DNS lookups (sourceIPAddress also holds host names such as ec2.amazonaws.com).
 *
 * <p>Accepts exactly what OpenSearch's {@code ip} field type accepts ({@code InetAddresses.forString}): dotted
 * quads of four decimal parts 0-255 without leading zeros ({@code 06.1.2.3} and {@code 1.2.3.000} are not
 * addresses), IPv6 per RFC 4291 (up to four hex digits a group, one {@code ::}, an embedded strict dotted quad at
 * the end), no zone ids ({@code %eth0}), no brackets, no ports.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The address when {@code value} is an IPv4 or IPv6 literal, otherwise null. Never resolves names. */
    public static InetAddress parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 45) {
            return null;
        }
        if (value.indexOf(':') >= 0) {
            return parseV6(value);
        }
        return parseV4(value);
    }

    private static InetAddress parseV4(String value) {
        long bits = parseV4Bits(value);
        if (bits < 0) {
            return null;
        }
        byte[] bytes = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /**
     * The 32 bits of a dotted-quad IPv4 literal (accepted exactly as {@link #parse} accepts it) as a non-negative
     * long, or -1 when {@code value} is not one. Allocates nothing.
     */
    public static long parseV4Bits(String value) {
        if (value == null || value.isEmpty() || value.length() > 45) {
            return -1;
        }
        long bits = 0;
        int part = 0;
        int current = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (current == 0) {
                    return -1; // a leading zero ("06", "000"): OpenSearch's ip type rejects it (octal or decimal?)
                }
                current = (current < 0 ? 0 : current * 10) + (c - '0');
                if (current > 255) {
                    return -1;
                }
            } else if (c == '.' && current >= 0 && part < 3) {
                bits = (bits << 8) | current;
                part++;
                current = -1;
            } else {
                return -1;
            }
        }
        if (part != 3 || current < 0) {
            return -1;
        }
        return (bits << 8) | current;
    }

    private static InetAddress parseV6(String value) {
        char first = value.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return null; // InetAddress would take it for a host name and look it up
        }
        int lastColon = value.lastIndexOf(':');
        if (value.indexOf('.', lastColon) >= 0 && parseV4Bits(value.substring(lastColon + 1)) < 0) {
            return null; // an embedded IPv4 address must be a strict dotted quad too
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!allowed) {
                return null;
            }
        }
        try {
            // A string of hex digits, colons and dots is parsed as a literal by InetAddress, never looked up.
            InetAddress address = InetAddress.getByName(value);
            return address instanceof Inet6Address || address instanceof Inet4Address ? address : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Addresses a GeoIP database has nothing to say about. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 100 && second >= 64 && second < 128) && first != 0 && first < 240;
        }
        return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
    }
}
