package org.octt.tls.trust;

import org.octt.tls.internal.Addresses;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The host of an endpoint URL, normalized for name checks: scheme, user info, port, path and IPv6
 * brackets stripped; a DNS name in lower case, without a trailing dot, internationalized labels as
 * A-labels (punycode, {@link IDN#toASCII}); an IP literal recognised (IPv4 dotted quad, IPv6) and
 * written in the RFC 5952 form ({@code ::1}, {@code 2001:db8::1}), without a zone. Never resolves
 * anything. Immutable.
 *
 * @param input the text it was parsed from
 * @param name  the normalized name: A-label DNS name, or IP address text
 * @param kind  DNS name, IPv4 or IPv6 literal
 */
public record EndpointHost(String input, String name, Kind kind) {

    /** What the host is. */
    public enum Kind {
        /** A DNS name. */
        DNS,
        /** An IPv4 literal. */
        IPV4,
        /** An IPv6 literal. */
        IPV6
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?");

    public EndpointHost {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** True for an IPv4 or IPv6 literal. */
    public boolean isIpLiteral() {
        return kind != Kind.DNS;
    }

    /**
     * What to do about an IP-literal endpoint, the same words in every message that meets one: a
     * certificate names the Central System by its DNS name (A00.FR.308/510), so the URL should too,
     * with a resolve override (the connect address of {@code Target}) to reach this address without
     * DNS. For example {@code use the Central System's DNS name in the URL (wss://<name>/...) and the
     * resolve override <name>:<port>:[::1] to reach this address without DNS}. A library message
     * names no command line option; the CLI's {@code --resolve} takes the override in this form.
     *
     * @throws IllegalStateException for a DNS name
     */
    public String dnsNameAdvice() {
        if (!isIpLiteral()) {
            throw new IllegalStateException("not an IP literal: " + name);
        }
        return "use the Central System's DNS name in the URL (wss://<name>/...) and the resolve override <name>:<port>:"
                + (kind == Kind.IPV6 ? "[" + name + "]" : name) + " to reach this address without DNS";
    }

    /**
     * Parses a URL ({@code wss://csms.example.com:8443/ocpp/CP1}), an authority
     * ({@code [2001:db8::1]:443}) or a bare host ({@code Csms.Example.COM.}, {@code bücher.example}).
     *
     * @param text not null
     * @return the host
     * @throws IllegalArgumentException when no host can be found or it is not a valid host name,
     *                                  with the text in the message
     */
    public static EndpointHost parse(String text) {
        Objects.requireNonNull(text, "text");
        String host = text.strip();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int end = indexOfAny(host, "/?#");
        if (end >= 0) {
            host = host.substring(0, end);
        }
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("IPv6 literal without closing ']' in host: " + text);
            }
            String rest = host.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":\\d*")) {
                throw new IllegalArgumentException("unexpected text after the IPv6 literal in host: " + text);
            }
            host = host.substring(1, close);
            return ipv6(text, host).orElseThrowInvalid(text);
        }
        int colons = (int) host.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            String port = host.substring(host.indexOf(':') + 1);
            if (!port.matches("\\d*")) {
                throw new IllegalArgumentException("invalid port '" + port + "' in host: " + text);
            }
            host = host.substring(0, host.indexOf(':'));
        } else if (colons > 1) {
            return ipv6(text, host).orElseThrowInvalid(text);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in: " + text);
        }
        var m = IPV4.matcher(host);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    throw new IllegalArgumentException("invalid IPv4 address " + host + " in: " + text);
                }
            }
            return new EndpointHost(text, ipText(host), Kind.IPV4);
        }
        String dns = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (dns.isEmpty() || dns.startsWith(".") || dns.contains("..")) {
            throw new IllegalArgumentException("invalid host name '" + host + "' in: " + text);
        }
        try {
            return new EndpointHost(text, IDN.toASCII(dns, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT), Kind.DNS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid host name '" + host + "' in: " + text + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A DNS name as presented in a certificate (CN or dNSName), normalized like a host: lower case,
     * no trailing dot, A-labels. A value that is not a valid IDN is only lower-cased. Wildcards are kept.
     */
    static String normalizeName(String presented) {
        String s = presented.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // Not a valid IDN (e.g. a CN that is not a host name at all): compare it as it is.
            return s.toLowerCase(Locale.ROOT);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** An IP address text in the RFC 5952 form, without a zone, or the text if it is not a literal. */
    static String ipText(String literal) {
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        if (!IPV6_CHARS.matcher(s).matches()) {
            return literal;
        }
        try {
            // Brackets make InetAddress treat the text as an IPv6 literal only: no name lookup.
            InetAddress address = InetAddress.getByName(s.contains(":") ? "[" + s + "]" : s);
            String text = Addresses.literal(address);
            int zone = text.indexOf('%');
            return zone >= 0 ? text.substring(0, zone) : text;
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    private static Ipv6Result ipv6(String text, String candidate) {
        if (!IPV6_CHARS.matcher(candidate).matches() || !candidate.contains(":")) {
            return new Ipv6Result(null);
        }
        try {
            InetAddress address = InetAddress.getByName("[" + candidate + "]");
            String t = Addresses.literal(address);
            int zone = t.indexOf('%');
            t = zone >= 0 ? t.substring(0, zone) : t;
            Kind kind = address instanceof java.net.Inet6Address ? Kind.IPV6 : Kind.IPV4;
            return new Ipv6Result(new EndpointHost(text, t, kind));
        } catch (UnknownHostException e) {
            return new Ipv6Result(null);
        }
    }

    private record Ipv6Result(EndpointHost host) {
        EndpointHost orElseThrowInvalid(String text) {
            if (host == null) {
                throw new IllegalArgumentException("invalid IPv6 literal in host: " + text);
            }
            return host;
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name;
    }
}
