package org.octt.core.text;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * IP addresses and host:port pairs as people write them: an IPv6 address in the RFC 5952 form
 * ({@code ::1}, {@code 2001:db8::1}: lower case, no leading zeros, the longest run of two or more
 * zero groups written {@code ::}), not the JDK's {@code 0:0:0:0:0:0:0:1}; in brackets before a port
 * ({@code [::1]:8443}), as in a URL. Never resolves a name. Stateless and thread-safe.
 *
 * <p>octt-tls, which does not depend on octt-core, writes addresses the same way
 * ({@code org.octt.tls.internal.Addresses}); a test of the CLI holds the two to the same output.
 */
public final class Addresses {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?");

    private Addresses() {
    }

    /**
     * The address as text: an IPv4 address dotted ({@code 127.0.0.1}), an IPv6 address in the RFC
     * 5952 form ({@code ::1}), with its zone ({@code fe80::1%eth0}) when it has one; no brackets.
     *
     * @param address not null
     */
    public static String literal(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        String text = rfc5952(v6.getAddress());
        String jdk = v6.getHostAddress();
        int zone = jdk.indexOf('%');
        return zone >= 0 ? text + jdk.substring(zone) : text;
    }

    /**
     * A host as it goes before {@code :port}: an IPv6 literal (with or without brackets, in any
     * valid spelling) in brackets and RFC 5952 form, {@code [::1]}; any other host as it is.
     *
     * @param host a DNS name or IP literal; not null
     */
    public static String host(String host) {
        Objects.requireNonNull(host, "host");
        String bare = host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        if (!bare.contains(":")) {
            return host;
        }
        if (IPV6_CHARS.matcher(bare).matches()) {
            try {
                // In brackets, InetAddress accepts an IPv6 literal only: no name lookup.
                String literal = literal(InetAddress.getByName("[" + bare + "]"));
                return literal.contains(":") ? "[" + literal + "]" : literal; // ::ffff:a.b.c.d is IPv4
            } catch (UnknownHostException e) {
                // not a valid literal: shown as given, in brackets so the port stays apart
            }
        }
        return "[" + bare + "]";
    }

    /**
     * {@code host:port}, an IPv6 host in brackets and RFC 5952 form: {@code csms.example.com:443},
     * {@code 10.0.0.5:443}, {@code [::1]:8443}.
     *
     * @param host a DNS name or IP literal; not null
     * @param port the port
     */
    public static String hostPort(String host, int port) {
        return host(host) + ":" + port;
    }

    /**
     * A socket address as {@code host:port}: the IP address when it has one (never looked up, never
     * its name), else the unresolved host name; an IPv6 address in brackets and RFC 5952 form.
     *
     * @param address not null
     */
    public static String hostPort(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return hostPort(address.getHostString(), address.getPort());
        }
        String literal = literal(ip);
        return (ip instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + address.getPort();
    }

    /** RFC 5952 section 4: lower case hex, no leading zeros, the first longest run of 2+ zero groups as {@code ::}. */
    private static String rfc5952(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
