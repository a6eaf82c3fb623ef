package org.octt.cli;

import org.octt.core.text.Addresses;
import org.octt.core.spi.Target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --resolve host:port:address} override, as curl's: connect to {@code address} instead of
 * resolving {@code host}, and keep {@code host} for SNI, the Host header and the FQDN check. The
 * address is an IP literal, an IPv6 one in brackets ({@code example.com:443:[::1]}); it is never
 * looked up in DNS. The host is validated as a URL's host is, and an internationalised name is
 * kept in A-labels ({@code bücher.example} as {@code xn--bcher-kva.example}), as the URL's is.
 *
 * @param host    the URL's host this override applies to (IPv6 without brackets, A-labels)
 * @param port    the URL's port this override applies to
 * @param address the address to connect to
 */
record ResolveOverride(String host, int port, InetAddress address) {

    private static final Pattern SYNTAX = Pattern.compile("(\\[[^\\]]+]|[^:\\[\\]]+):(\\d{1,5}):(.+)");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+(%[\\w.]+)?)]");

    ResolveOverride {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
    }

    /**
     * Parses {@code host:port:address}; {@link UsageException} naming {@code option} (e.g.
     * {@code --resolve}, or a targets file's line) and the value otherwise.
     */
    static ResolveOverride parse(String option, String value) {
        Matcher m = SYNTAX.matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException(option + " must be host:port:address (e.g. csms.example.com:443:127.0.0.1,"
                    + " an IPv6 address in brackets), was: " + value);
        }
        String host;
        try {
            host = Target.asciiHost(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage() + " (in " + value + ")", e);
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new UsageException(option + " port must be 1 to 65535, was: " + value);
        }
        return new ResolveOverride(host, port, ipLiteral(option, m.group(3), value));
    }

    /** The socket address to connect to. */
    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** Whether this override is for the URL's host and port (host compared case-insensitively). */
    boolean appliesTo(String urlHost, int urlPort) {
        return host.toLowerCase(Locale.ROOT).equals(urlHost.toLowerCase(Locale.ROOT)) && port == urlPort;
    }

    private static InetAddress ipLiteral(String option, String address, String value) {
        Matcher v4 = IPV4.matcher(address);
        Matcher v6 = IPV6.matcher(address);
        try {
            if (v4.matches()) {
                for (int i = 1; i <= 4; i++) {
                    if (Integer.parseInt(v4.group(i)) > 255) {
                        throw new UsageException(option + " address is not an IP address, was: " + value);
                    }
                }
                return InetAddress.getByName(address); // a literal: no DNS lookup
            }
            if (v6.matches()) {
                return InetAddress.getByName(v6.group(1)); // contains ':' so it is parsed, never looked up
            }
        } catch (UnknownHostException e) {
            throw new UsageException(option + " address is not an IP address, was: " + value, e);
        }
        throw new UsageException(option + " address must be an IP address (IPv6 in brackets), was: " + value);
    }

    @Override
    public String toString() {
        return Addresses.hostPort(host, port) + ":" + Addresses.host(Addresses.literal(address));
    }
}
