package org.octt.tls.ws;

import org.octt.tls.internal.Addresses;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to connect to and as whom: the Central System's URL and the Charge Point's identity, an
 * optional address to connect to instead of resolving the URL's host (as {@code curl --resolve}),
 * the subprotocol, and the credentials of security profile 2 (Basic auth) or 3 (client certificate).
 * Immutable; each {@code with...} returns a copy. {@link #toString()} never shows a credential.
 */
public final class WebSocketRequest {

    /** The OCPP 1.6 JSON subprotocol. */
    public static final String OCPP16 = "ocpp1.6";

    private final URI centralSystemUrl;
    private final String chargePointId;
    private final InetSocketAddress connectAddress;
    private final String subprotocol;
    private final char[] password;
    private final ClientKeyMaterial clientKeyMaterial;

    private WebSocketRequest(URI centralSystemUrl, String chargePointId, InetSocketAddress connectAddress,
                             String subprotocol, char[] password, ClientKeyMaterial clientKeyMaterial) {
        this.centralSystemUrl = centralSystemUrl;
        this.chargePointId = chargePointId;
        this.connectAddress = connectAddress;
        this.subprotocol = subprotocol;
        this.password = password;
        this.clientKeyMaterial = clientKeyMaterial;
    }

    /**
     * A request for {@code <centralSystemUrl>/<chargePointId>} with subprotocol {@code ocpp1.6}, no
     * credentials, the URL's host resolved by DNS.
     *
     * @param centralSystemUrl a {@code wss} URL with a host, e.g. {@code wss://csms.example.com/ocpp}
     * @param chargePointId    the Charge Point identity, appended as the last path segment
     */
    public static WebSocketRequest to(URI centralSystemUrl, String chargePointId) {
        Objects.requireNonNull(centralSystemUrl, "centralSystemUrl");
        Objects.requireNonNull(chargePointId, "chargePointId");
        if (!"wss".equalsIgnoreCase(centralSystemUrl.getScheme())) {
            throw new IllegalArgumentException("the Central System URL must use the wss scheme, was: " + centralSystemUrl);
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
        return new WebSocketRequest(centralSystemUrl, chargePointId, null, OCPP16, null, null);
    }

    /** Connects to {@code address} instead of the URL's host; SNI and the Host header keep the URL's host. */
    public WebSocketRequest withConnectAddress(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("the connect address must be an IP address, was unresolved: " + address);
        }
        return new WebSocketRequest(centralSystemUrl, chargePointId, address, subprotocol, password, clientKeyMaterial);
    }

    /** The subprotocol to offer in {@code Sec-WebSocket-Protocol}; {@link #OCPP16} by default. */
    public WebSocketRequest withSubprotocol(String subprotocol) {
        Objects.requireNonNull(subprotocol, "subprotocol");
        if (subprotocol.isBlank() || subprotocol.contains(",")) {
            throw new IllegalArgumentException("the subprotocol must be one non-blank token, was: '" + subprotocol + "'");
        }
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, subprotocol, password, clientKeyMaterial);
    }

    /** Offers no subprotocol: no {@code Sec-WebSocket-Protocol} header. */
    public WebSocketRequest withoutSubprotocol() {
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, null, password, clientKeyMaterial);
    }

    /**
     * Security profile 2: {@code Authorization: Basic base64(<chargePointId>:<password>)}, sent only
     * after the server's certificate was accepted. The array is copied; the caller may wipe its own.
     */
    public WebSocketRequest withBasicAuth(char[] password) {
        Objects.requireNonNull(password, "password");
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, subprotocol, password.clone(),
                clientKeyMaterial);
    }

    /** Security profile 3: the client certificate and key offered when the server asks for one. */
    public WebSocketRequest withClientKeyMaterial(ClientKeyMaterial material) {
        Objects.requireNonNull(material, "material");
        return new WebSocketRequest(centralSystemUrl, chargePointId, connectAddress, subprotocol, password, material);
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

    /** The URL's port, 443 when it has none. */
    public int port() {
        return centralSystemUrl.getPort() >= 0 ? centralSystemUrl.getPort() : 443;
    }

    public Optional<InetSocketAddress> connectAddress() {
        return Optional.ofNullable(connectAddress);
    }

    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    public boolean hasBasicAuth() {
        return password != null;
    }

    public Optional<ClientKeyMaterial> clientKeyMaterial() {
        return Optional.ofNullable(clientKeyMaterial);
    }

    /** The {@code Authorization} header value; package-private so that it stays inside the client. */
    Optional<String> authorizationHeader() {
        if (password == null) {
            return Optional.empty();
        }
        CharBuffer chars = CharBuffer.allocate(chargePointId.length() + 1 + password.length);
        chars.put(chargePointId).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        String value = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
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
                + (password != null ? ", basic auth as " + chargePointId + " (password ****)" : "")
                + clientKeyMaterial().map(k -> ", client certificate " + k.certificate().getSubjectX500Principal().getName())
                        .orElse("")
                + "]";
    }
}
