package org.octt.core.spi;

import org.octt.core.text.Addresses;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint under test: its URL and, as curl's {@code --resolve}, an optional address to
 * connect to instead of resolving the URL's host. The host stays the URL's host for SNI, the HTTP
 * Host header and the FQDN check.
 *
 * <p>A final class rather than a record, so that it can grow without breaking plugins: make one
 * with {@link #of(URI)} or {@link #parse(String)} and {@link #withConnectAddress}.
 */
public final class Target {

    private final URI url;
    private final Optional<InetSocketAddress> connectAddress;

    private Target(URI url, Optional<InetSocketAddress> connectAddress) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectAddress, "connectAddress");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("wss") || scheme.equalsIgnoreCase("ws")
                || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("URL must be wss://host[:port]/path/<ChargePointId>, was: " + url);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
        this.url = url;
        this.connectAddress = connectAddress;
    }

    /** The endpoint URL, e.g. {@code wss://csms.example.com:8443/ocpp/CP001}. */
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
     * malformed.
     */
    public static Target parse(String url) {
        Objects.requireNonNull(url, "url");
        try {
            return of(new URI(url));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL: " + url + " (" + e.getReason() + ")", e);
        }
    }

    /** A copy that connects to {@code address} instead of resolving the host. */
    public Target withConnectAddress(InetSocketAddress address) {
        return new Target(url, Optional.of(address));
    }

    /** Whether the scheme is secure ({@code wss} or {@code https}). */
    public boolean secure() {
        return !url.getScheme().equalsIgnoreCase("ws");
    }

    /** The URL's host with IPv6 brackets stripped, as written (case kept). */
    public String host() {
        String h = url.getHost();
        if (h.startsWith("[") && h.endsWith("]")) {
            return h.substring(1, h.length() - 1);
        }
        return h;
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
     * The Charge Point identity: the last non-empty segment of the URL's path, percent-decoded;
     * empty when the path has none.
     */
    public Optional<String> chargePointId() {
        String path = url.getPath();
        if (path == null) {
            return Optional.empty();
        }
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isEmpty()) {
                return Optional.of(segments[i]);
            }
        }
        return Optional.empty();
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
        return url + connectAddress.map(a -> " (connect to " + Addresses.hostPort(a) + ")").orElse("");
    }
}
