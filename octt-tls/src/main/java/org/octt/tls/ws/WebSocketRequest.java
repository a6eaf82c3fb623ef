package org.octt.tls.ws;

import org.octt.tls.internal.Addresses;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to connect to and as whom: the Central System's URL and the Charge Point's identity, an
 * optional address to connect to instead of resolving the URL's host (as {@code curl --resolve}),
 * the subprotocols offered, and the credentials of Basic auth (security profiles 1 and 2) or a client
 * certificate (profile 3). A {@code wss} URL is the secured WebSocket; a {@code ws} URL is plain
 * WebSocket without TLS, for security profile 1 only. Immutable; each {@code with...} returns a copy.
 * {@link #toString()} never shows a credential.
 *
 * <p>The transport knows no OCPP version: it offers the subprotocols it is given
 * ({@code OcppVersion.subprotocol()} in octt-core is where {@code ocpp1.6} is spelled) and none by
 * default.
 */
public final class WebSocketRequest {

    private final URI centralSystemUrl;
    private final String chargePointId;
    private final InetSocketAddress connectAddress;
    private final List<String> subprotocols;
    private final String user;
    private final byte[] password; // UTF-8, or raw bytes (an AuthorizationKey given in hex)
    private final ClientKeyMaterial clientKeyMaterial;

    private WebSocketRequest(URI centralSystemUrl, String chargePointId, InetSocketAddress connectAddress,
                             List<String> subprotocols, String user, byte[] password,
                             ClientKeyMaterial clientKeyMaterial) {
        this.centralSystemUrl = centralSystemUrl;
        this.chargePointId = chargePointId;
        this.connectAddress = connectAddress;
        this.subprotocols = subprotocols;
        this.user = user;
        this.password = password;
        this.clientKeyMaterial = clientKeyMaterial;
    }

    /**
     * A request for {@code <centralSystemUrl>/<chargePointId>} offering no subprotocol, with no
     * credentials, the URL's host resolved by DNS.
     *
     * @param centralSystemUrl a {@code wss} (or, for security profile 1, {@code ws}) URL with a host,
     *                         e.g. {@code wss://csms.example.com/ocpp}
     * @param chargePointId    the Charge Point identity, appended as the last path segment
     */
    public static WebSocketRequest to(URI centralSystemUrl, String chargePointId) {
        Objects.requireNonNull(centralSystemUrl, "centralSystemUrl");
        Objects.requireNonNull(chargePointId, "chargePointId");
        if (!"wss".equalsIgnoreCase(centralSystemUrl.getScheme()) && !"ws".equalsIgnoreCase(centralSystemUrl.getScheme())) {
            throw new IllegalArgumentException("the Central System URL must use the wss (or ws) scheme, was: "
                    + centralSystemUrl);
        }
        if (centralSystemUrl.getHost() == null) {
            throw new IllegalArgumentException("the Central System URL must have a host (ASCII or A-label), was: "
                    + centralSystemUrl);
        }
        if (centralSystemUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the Central System URL must not carry credentials; use withBasicAuth");
        }
        if (chargePointId.isBlank()) {
            throw new IllegalArgumentException("the Charge Point identity must not be blank, was: '" + chargePointId + "'");
        }
        return new WebSocketRequest(centralSystemUrl, chargePointId, null, List.of(), null, null, null);
    }

    /** Connects to {@code address} instead of the URL's host; SNI and the Host header keep the URL's host. */
    public WebSocketRequest withConnectAddress(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("the connect address must be an IP address, was unresolved: " + address);
        }
        return new WebSocketRequest(centralSystemUrl, chargePointId, address, subprotocols, user, password,
                clientKeyMaterial);
    }

    /** Offers exactly this subprotocol in {@code Sec-WebSocket-Protocol}, e.g. {@code ocpp1.6}. */
    public WebSocketRequest withSubprotocol(String subprotocol) {
        return withSubprotocols(List.of(Objects.requireNonNull(subprotocol, "subprotocol")));
    }

    /**
     * Offers these subprotocols, in this order of preference ({@code Sec-WebSocket-Protocol: a, b});
     * each a non-blank token without comma; an empty list offers none.
     */
    public WebSocketRequest withSubprotocols(List<String> subprotocols) {
        for (String p : subprotocols) {
            if (p.isBlank() || p.contains(",") || !p.strip().equals(p)) {
                throw new IllegalArgumentException("a subprotocol must be one non-blank token, was: '" + p + "'");
            }
        }
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, List.copyOf(subprotocols), user,
                password, clientKeyMaterial);
    }

    /** Offers no subprotocol: no {@code Sec-WebSocket-Protocol} header. */
    public WebSocketRequest withoutSubprotocol() {
        return withSubprotocols(List.of());
    }

    /**
     * Basic auth as the Charge Point (security profiles 1 and 2):
     * {@code Authorization: Basic base64(<chargePointId>:<password>)}, sent over TLS only after the
     * server's certificate was accepted. The array is copied; the caller may wipe its own.
     */
    public WebSocketRequest withBasicAuth(char[] password) {
        return withBasicAuth(chargePointId, password);
    }

    /**
     * Basic auth as {@code user}, which a test case sets to something other than the ChargePointId
     * on purpose (e.g. to see it refused). The array is copied.
     */
    public WebSocketRequest withBasicAuth(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        CharBuffer chars = CharBuffer.wrap(password);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return withBasicAuth(user, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Basic auth as {@code user} with a password of raw bytes (e.g. an AuthorizationKey configured
     * in hex, whose password is the decoded bytes, which need not be UTF-8). The array is copied.
     */
    public WebSocketRequest withBasicAuth(String user, byte[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic auth user must not contain ':', was: '" + user + "'");
        }
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, subprotocols, user,
                password.clone(), clientKeyMaterial);
    }

    /** Security profile 3: the client certificate and key offered when the server asks for one. */
    public WebSocketRequest withClientKeyMaterial(ClientKeyMaterial material) {
        Objects.requireNonNull(material, "material");
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, subprotocols, user, password,
                material);
    }

    /** True for a {@code wss} URL (TLS), false for a plain {@code ws} URL. */
    public boolean secure() {
        return "wss".equalsIgnoreCase(centralSystemUrl.getScheme());
    }

    public URI centralSystemUrl() {
        return centralSystemUrl;
    }

    public String chargePointId() {
        return chargePointId;
    }

    /** The URL connected to: the Central System URL with the percent-encoded identity appended. */
    public URI uri() {
        String base = centralSystemUrl.toString();
        int query = base.indexOf('?');
        String tail = "";
        if (query >= 0) {
            tail = base.substring(query);
            base = base.substring(0, query);
        }
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        return URI.create(base + encodePathSegment(chargePointId) + tail);
    }

    /** The URL's host, brackets of an IPv6 literal removed. */
    public String host() {
        String h = centralSystemUrl.getHost();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    /** The URL's port; when it has none, 443 for {@code wss} and 80 for {@code ws}. */
    public int port() {
        return centralSystemUrl.getPort() >= 0 ? centralSystemUrl.getPort() : secure() ? 443 : 80;
    }

    public Optional<InetSocketAddress> connectAddress() {
        return Optional.ofNullable(connectAddress);
    }

    /** The {@code Sec-WebSocket-Protocol} value offered ({@code a,b}); empty when none is offered. */
    public Optional<String> subprotocol() {
        return subprotocols.isEmpty() ? Optional.empty() : Optional.of(String.join(",", subprotocols));
    }

    /** The subprotocols offered, in order of preference. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    public boolean hasBasicAuth() {
        return password != null;
    }

    /** The Basic auth user, when Basic auth is set: the ChargePointId unless set otherwise. */
    public Optional<String> basicAuthUser() {
        return password != null ? Optional.of(user) : Optional.empty();
    }

    public Optional<ClientKeyMaterial> clientKeyMaterial() {
        return Optional.ofNullable(clientKeyMaterial);
    }

    /** The {@code Authorization} header value; package-private so that it stays inside the client. */
    Optional<String> authorizationHeader() {
        if (password == null) {
            return Optional.empty();
        }
        byte[] userBytes = (user + ":").getBytes(StandardCharsets.UTF_8);
        byte[] raw = Arrays.copyOf(userBytes, userBytes.length + password.length);
        System.arraycopy(password, 0, raw, userBytes.length, password.length);
        String value = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        return Optional.of(value);
    }

    private static String encodePathSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "WebSocketRequest[" + uri()
                + connectAddress().map(a -> ", connect to " + Addresses.hostPort(a)).orElse("")
                + ", subprotocol " + subprotocol().orElse("(none)")
                + (password != null ? ", basic auth as " + user + " (password ****)" : "")
                + clientKeyMaterial().map(k -> ", client certificate " + k.certificate().getSubjectX500Principal().getName())
                        .orElse("")
                + "]";
    }
}
