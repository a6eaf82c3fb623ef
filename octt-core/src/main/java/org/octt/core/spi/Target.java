package org.octt.core.spi;

import org.octt.core.text.Addresses;

import java.net.IDN;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The endpoint under test: its URL and, as curl's {@code --resolve}, an optional address to
 * connect to instead of resolving the URL's host. The host stays the URL's host for SNI, the HTTP
 * Host header and the FQDN check.
 *
 * <p>The URL is validated when the target is made: a scheme of {@code wss}, {@code ws} or
 * {@code https}; no user name or password in it (a secret there would reach every message and
 * report; such a URL is refused with a message that shows {@code ***} in its place); a host that
 * is an IP literal or a DNS name (labels of 1 to 63 letters, digits or hyphens, at most 253
 * characters); a port of 1 to 65535, or none (an empty port, {@code wss://host:/x}, is the
 * scheme's default, RFC 3986). An internationalised host name is converted to its A-labels
 * ({@link IDN#toASCII}, as curl does): {@link #url()} holds {@code xn--bcher-kva.example} for
 * {@code bücher.example}, and that is the name connected to, sent as SNI and Host, and checked
 * against the certificate.
 *
 * <p>A final class rather than a record, so that it can grow without breaking plugins: make one
 * with {@link #of(URI)} or {@link #parse(String)} and {@link #withConnectAddress}.
 */
public final class Target {

    /** The longest host name (RFC 1035, without a trailing dot). */
    public static final int MAX_HOST_NAME_LENGTH = 253;
    /** The longest label of a host name (RFC 1035). */
    public static final int MAX_LABEL_LENGTH = 63;

    private static final Pattern LDH_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

    private final URI url;
    private final Optional<InetSocketAddress> connectAddress;

    private Target(URI url, Optional<InetSocketAddress> connectAddress) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectAddress, "connectAddress");
        String shown = redact(url.toString());
        String authority = url.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            throw new IllegalArgumentException("URL must not hold a user name or password (give the password"
                    + " in a file or the environment), was: " + shown);
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("wss") || scheme.equalsIgnoreCase("ws")
                || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("URL must be wss://host[:port]/path/<ChargePointId>, was: " + shown);
        }
        this.url = withAsciiHost(url, authority, shown);
        this.connectAddress = connectAddress;
    }

    /** The endpoint URL, e.g. {@code wss://csms.example.com:8443/ocpp/CP001}, host in A-labels. */
    public URI url() {
        return url;
    }

    /** An address to connect to instead of resolving the host, if any. */
    public Optional<InetSocketAddress> connectAddress() {
        return connectAddress;
    }

    /** A target without resolve override. */
    public static Target of(URI url) {
        return new Target(url, Optional.empty());
    }

    /**
     * Parses a URL string; a clear {@link IllegalArgumentException} naming the value when it is
     * malformed (with any user name and password replaced by {@code ***}).
     */
    public static Target parse(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return of(new URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL: " + redact(url) + " (" + e.getReason() + ")", e);
        }
    }

    /**
     * The URL as it may be shown: a user name and password in it ({@code wss://CP1:secret@host/x})
     * replaced by {@code ***} ({@code wss://***@host/x}). Everything from the start of the
     * authority to its last {@code @} goes, so a password holding {@code /} or {@code @} does too.
     */
    public static String redact(String url) {
        int scheme = url.indexOf("://");
        int start = scheme >= 0 ? scheme + 3 : 0;
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return url;
        }
        return url.substring(0, start) + "***" + url.substring(at);
    }

    /**
     * A host name as connected to: a DNS name in A-labels (an internationalised name converted
     * with {@link IDN#toASCII}), or an IP literal as given (IPv6 without brackets). An
     * {@link IllegalArgumentException} naming the problem when it is neither.
     */
    public static String asciiHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("[") && host.endsWith("]") || host.contains(":")) {
            String literal = host.startsWith("[") ? host : "[" + host + "]";
            if (parsedHost("wss://" + literal + "/") == null) {
                throw new IllegalArgumentException("host is not an IPv6 address: " + host);
            }
            return unbracket(literal);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("host is empty: " + host);
        }
        StringBuilder ascii = new StringBuilder();
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("host name has an empty label: " + host);
            }
            String a = label;
            if (!label.chars().allMatch(c -> c < 0x80)) {
                try {
                    a = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("host name is not a valid internationalised name: " + host, e);
                }
            }
            if (a.length() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("host name has a label of " + a.length()
                        + " characters (at most " + MAX_LABEL_LENGTH + "): " + host);
            }
            if (!LDH_LABEL.matcher(a).matches()) {
                throw new IllegalArgumentException("host name label may hold only letters, digits and inner"
                        + " hyphens, was: " + host);
            }
            ascii.append(ascii.length() == 0 ? "" : ".").append(a);
        }
        if (ascii.length() > MAX_HOST_NAME_LENGTH) {
            throw new IllegalArgumentException("host name is " + ascii.length() + " characters long (at most "
                    + MAX_HOST_NAME_LENGTH + "): " + host);
        }
        String result = host.endsWith(".") ? ascii + "." : ascii.toString();
        if (parsedHost("wss://" + result + "/") == null) {
            throw new IllegalArgumentException("host is not a host name or an IP address: " + host);
        }
        return result;
    }

    /**
     * The URL with its host validated and in A-labels, its port checked; the same instance when
     * nothing changed. Parses the authority itself: {@link URI#getHost()} is null for a non-ASCII
     * host.
     */
    private static URI withAsciiHost(URI url, String authority, String shown) {
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("URL has no host: " + shown);
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("URL has an IPv6 address without its closing ']': " + shown);
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("URL has text after its IPv6 address: " + shown);
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            port = colon >= 0 ? authority.substring(colon + 1) : null;
        }
        if (port != null && !port.isEmpty()) {
            if (!DIGITS.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("URL port must be 1 to 65535, was: " + shown);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("URL has no host: " + shown);
        }
        if (host.indexOf('%') >= 0 && !host.startsWith("[")) {
            throw new IllegalArgumentException("URL host must not be percent-encoded, was: " + shown);
        }
        String ascii;
        try {
            ascii = asciiHost(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL " + e.getMessage() + " (in " + shown + ")", e);
        }
        String bracketed = ascii.contains(":") ? "[" + ascii + "]" : ascii;
        if (bracketed.equals(host) && url.getHost() != null) {
            return url;
        }
        StringBuilder s = new StringBuilder(url.getScheme()).append("://").append(bracketed);
        if (port != null && !port.isEmpty()) {
            s.append(':').append(port);
        }
        s.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            s.append('?').append(url.getRawQuery());
        }
        if (url.getRawFragment() != null) {
            s.append('#').append(url.getRawFragment());
        }
        URI converted = URI.create(s.toString());
        if (converted.getHost() == null) {
            throw new IllegalArgumentException("URL host is not a host name or an IP address: " + shown);
        }
        return converted;
    }

    private static String parsedHost(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String unbracket(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** A copy that connects to {@code address} instead of resolving the host. */
    public Target withConnectAddress(InetSocketAddress address) {
        return new Target(url, Optional.of(address));
    }

    /** Whether the scheme is secure ({@code wss} or {@code https}). */
    public boolean secure() {
        return !url.getScheme().equalsIgnoreCase("ws");
    }

    /**
     * The URL's host with IPv6 brackets stripped, as written (case kept), an internationalised
     * name in A-labels.
     */
    public String host() {
        return unbracket(url.getHost());
    }

    /** The host for people: an internationalised name in Unicode ({@code bücher.example}), else {@link #host()}. */
    public String unicodeHost() {
        String h = host();
        return h.contains(":") ? h : IDN.toUnicode(h, IDN.ALLOW_UNASSIGNED);
    }

    /** The port, the scheme's default (443 for wss) when the URL has none. */
    public int port() {
        int p = url.getPort();
        if (p > 0) {
            return p;
        }
        return url.getScheme().toLowerCase(Locale.ROOT).equals("ws") ? 80 : 443;
    }

    /** The address to connect to: the override, or an unresolved host and port. */
    public InetSocketAddress address() {
        return connectAddress.orElseGet(() -> InetSocketAddress.createUnresolved(host(), port()));
    }

    /**
     * The Charge Point identity: the last segment of the URL's path, percent-decoded; empty when
     * the path has none or ends with {@code /} ({@code /ocpp/} has an empty identity).
     */
    public Optional<String> chargePointId() {
        String path = url.getPath();
        if (path == null) {
            return Optional.empty();
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && url.equals(t.url) && connectAddress.equals(t.connectAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, connectAddress);
    }

    @Override
    public String toString() {
        String unicode = unicodeHost();
        return url + (unicode.equals(host()) ? "" : " (" + unicode + ")")
                + connectAddress.map(a -> " (connect to " + Addresses.hostPort(a) + ")").orElse("");
    }
}
