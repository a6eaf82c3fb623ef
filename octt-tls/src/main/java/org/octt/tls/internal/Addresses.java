package org.octt.tls.internal;

import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * IP addresses and host:port pairs in messages of octt-tls, as people write them: an IPv6 address
 * in the RFC 5952 form ({@code ::1}, not the JDK's {@code 0:0:0:0:0:0:0:1}, by Netty's
 * {@link NetUtil#toAddressString(InetAddress)}), in brackets before a port ({@code [::1]:8443}).
 * The same output as octt-core's {@code org.octt.core.text.Addresses} (octt-tls does not depend on
 * octt-core; a test of the CLI holds the two together). Never resolves a name. Stateless.
 */
public final class Addresses {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?");

    private Addresses() {
    }

    /** The address as text, no brackets: {@code 127.0.0.1}, {@code ::1}, {@code fe80::1%eth0}. */
    public static String literal(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        String jdk = address.getHostAddress();
        int zone = jdk.indexOf('%');
        String text = NetUtil.toAddressString(address);
        return zone >= 0 ? text + jdk.substring(zone) : text;
    }

    /**
     * An IPv6 literal (with or without brackets, any valid spelling) in RFC 5952 form without
     * brackets; any other text as it is. For comparing and showing hosts.
     */
    public static String normalizeLiteral(String host) {
        Objects.requireNonNull(host, "host");
        String bare = host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        if (!bare.contains(":") || !IPV6_CHARS.matcher(bare).matches()) {
            return host;
        }
        try {
            // In brackets, InetAddress accepts an IPv6 literal only: no name lookup.
            return literal(InetAddress.getByName("[" + bare + "]"));
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /** {@code host:port}, an IPv6 host in brackets and RFC 5952 form: {@code [::1]:8443}. */
    public static String hostPort(String host, int port) {
        Objects.requireNonNull(host, "host");
        String h = normalizeLiteral(host);
        String bare = h.length() > 1 && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        return (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port;
    }

    /**
     * A socket address as {@code host:port}: its IP address when it has one (never its name, never
     * looked up), else the unresolved host; an IPv6 address in brackets and RFC 5952 form.
     */
    public static String hostPort(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        InetAddress ip = address.getAddress();
        return ip == null ? hostPort(address.getHostString(), address.getPort())
                : hostPort(literal(ip), address.getPort());
    }
}
