package org.octt.tls.probe;

import io.netty.util.NetUtil;
import org.octt.tls.internal.Addresses;

import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One handshake to perform: whom to name (SNI), where to connect, and exactly which protocol
 * versions and cipher suites to offer.
 *
 * @param host           the target's host name as the user wrote it (sent as SNI unless it is an IP
 *                       literal); IPv6 brackets are stripped
 * @param port           the target's port (1..65535), as written in the URL
 * @param connectAddress where the TCP connection goes: the {@code --resolve} override, or an
 *                       unresolved {@code host:port} resolved at connect time
 * @param versions       the versions to offer, in no particular order; not empty
 * @param cipherSuites   the cipher suites to offer, by IANA name, in preference order; not empty;
 *                       every name is known to {@link CipherSuites} (canonicalised to upper case)
 * @param timeout        the deadline for the whole probe (resolve, connect and handshake); positive
 * @param clientCredential the client certificate and key to present when the server asks for one;
 *                       empty to answer a CertificateRequest with an empty Certificate (the default)
 */
public record ProbeRequest(String host, int port, InetSocketAddress connectAddress, List<TlsVersion> versions,
                           List<String> cipherSuites, Duration timeout, Optional<ClientCredential> clientCredential) {

    /** The timeout the factories use. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ProbeRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectAddress, "connectAddress");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(cipherSuites, "cipherSuites");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clientCredential, "clientCredential");
        host = stripBrackets(host.trim());
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was: " + port);
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS version must be offered, was: []");
        }
        EnumSet<TlsVersion> distinct = EnumSet.noneOf(TlsVersion.class);
        for (TlsVersion v : versions) {
            distinct.add(Objects.requireNonNull(v, "versions contains null"));
        }
        versions = List.copyOf(distinct);
        if (cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("at least one cipher suite must be offered, was: []");
        }
        LinkedHashSet<String> suites = new LinkedHashSet<>();
        for (String s : cipherSuites) {
            suites.add(CipherSuites.canonicalName(Objects.requireNonNull(s, "cipherSuites contains null")));
        }
        cipherSuites = List.copyOf(suites);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("probe timeout must be positive, was: " + timeout);
        }
    }

    /** A request without a client certificate (see the canonical constructor for the parameters). */
    public ProbeRequest(String host, int port, InetSocketAddress connectAddress, List<TlsVersion> versions,
                        List<String> cipherSuites, Duration timeout) {
        this(host, port, connectAddress, versions, cipherSuites, timeout, Optional.empty());
    }

    /**
     * A request offering {@code versions} and {@code cipherSuites} to {@code host:port}, connecting
     * to {@code host} as resolved at connect time, with the {@link #DEFAULT_TIMEOUT}.
     */
    public static ProbeRequest of(String host, int port, Collection<TlsVersion> versions,
                                  Collection<String> cipherSuites) {
        String h = stripBrackets(Objects.requireNonNull(host, "host").trim());
        return new ProbeRequest(h, port, InetSocketAddress.createUnresolved(h, validPort(port)),
                new ArrayList<>(versions), new ArrayList<>(cipherSuites), DEFAULT_TIMEOUT, Optional.empty());
    }

    /** A request offering one version and one cipher suite (the common case of a suite scan). */
    public static ProbeRequest of(String host, int port, TlsVersion version, String cipherSuite) {
        return of(host, port, List.of(version), List.of(cipherSuite));
    }

    /** This request, connecting to {@code address} instead (a {@code --resolve} override). */
    public ProbeRequest withConnectAddress(InetSocketAddress address) {
        return new ProbeRequest(host, port, address, versions, cipherSuites, timeout, clientCredential);
    }

    /** This request with another deadline. */
    public ProbeRequest withTimeout(Duration timeout) {
        return new ProbeRequest(host, port, connectAddress, versions, cipherSuites, timeout, clientCredential);
    }

    /** This request offering other versions. */
    public ProbeRequest withVersions(Collection<TlsVersion> versions) {
        return new ProbeRequest(host, port, connectAddress, new ArrayList<>(versions), cipherSuites, timeout,
                clientCredential);
    }

    /** This request offering other cipher suites. */
    public ProbeRequest withCipherSuites(Collection<String> cipherSuites) {
        return new ProbeRequest(host, port, connectAddress, versions, new ArrayList<>(cipherSuites), timeout,
                clientCredential);
    }

    /**
     * This request presenting {@code credential} when the server asks for a client certificate (OCPP
     * security profile 3).
     */
    public ProbeRequest withClientCertificate(ClientCredential credential) {
        return new ProbeRequest(host, port, connectAddress, versions, cipherSuites, timeout,
                Optional.of(Objects.requireNonNull(credential, "credential")));
    }

    /**
     * This request presenting {@code chain} (leaf first) and its leaf's {@code privateKey} (RSA or EC)
     * when the server asks for a client certificate.
     *
     * @throws IllegalArgumentException as {@link ClientCredential} does (empty chain, other key type,
     *                                  a key that does not belong to the leaf)
     */
    public ProbeRequest withClientCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
        return withClientCertificate(new ClientCredential(chain, privateKey));
    }

    /** This request answering a CertificateRequest with an empty Certificate (no client certificate). */
    public ProbeRequest withoutClientCertificate() {
        return new ProbeRequest(host, port, connectAddress, versions, cipherSuites, timeout, Optional.empty());
    }

    /**
     * The server name sent in the SNI extension: the host without a trailing dot, or empty when the
     * host is an IP literal (RFC 6066 forbids literal addresses in SNI).
     */
    public Optional<String> serverName() {
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return Optional.empty();
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return h.isEmpty() ? Optional.empty() : Optional.of(h);
    }

    /** {@code host:port}, plus the connect address when it differs, for messages. */
    public String target() {
        String hp = Addresses.hostPort(host, port);
        String addr = Addresses.hostPort(connectAddress);
        return addr.equals(hp) ? hp : hp + " (connecting to " + addr + ")";
    }

    /** The offer as text, e.g. {@code TLSv1.2 with [TLS_RSA_WITH_AES_128_GCM_SHA256]}. */
    public String offer() {
        StringBuilder sb = new StringBuilder();
        for (TlsVersion v : versions) {
            sb.append(sb.length() == 0 ? "" : "/").append(v.protocolName());
        }
        return sb + " with " + cipherSuites;
    }

    private static String stripBrackets(String h) {
        return h.length() > 1 && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static int validPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was: " + port);
        }
        return port;
    }
}
