package org.octt.testkit.internal;

import org.bouncycastle.tls.ProtocolVersion;
import org.octt.testkit.ClientCertificatePolicy;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the reference TLS server offers: protocol versions, cipher suites (IANA code points, in
 * preference order), its certificates by host name, and the client CA when client certificates are
 * requested and accepted. The certificates of {@code primary} are served to clients that send no server name
 * (SNI) or one not in {@code byHostName}.
 *
 * @param clientCertificates whether a client certificate is requested and required
 * @param clientIssuers the CAs whose client certificates are accepted
 * @param checkClientIssuer whether a client certificate must come from one of {@code clientIssuers}
 * @param checkClientValidity whether a client certificate must be valid now
 * @param byHostName the certificates of every host name served, primary included, keyed by
 *                   {@link #key(String)}
 */
public record TlsServerSettings(List<ProtocolVersion> versions, List<Integer> cipherSuites,
        HostCredentials primary, Map<String, HostCredentials> byHostName, ClientCertificatePolicy.Mode clientCertificates,
        List<X509Certificate> clientIssuers, boolean checkClientIssuer, boolean checkClientValidity) {

    /** Settings checking the client certificate's issuer and validity. */
    public TlsServerSettings(List<ProtocolVersion> versions, List<Integer> cipherSuites, HostCredentials primary,
            Map<String, HostCredentials> byHostName, ClientCertificatePolicy.Mode clientCertificates,
            List<X509Certificate> clientIssuers) {
        this(versions, cipherSuites, primary, byHostName, clientCertificates, clientIssuers, true, true);
    }

    public TlsServerSettings {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(primary, "primary");
        byHostName = Map.copyOf(byHostName);
        Objects.requireNonNull(clientCertificates, "clientCertificates");
        clientIssuers = List.copyOf(clientIssuers);
        if (clientCertificates != ClientCertificatePolicy.Mode.NONE && clientIssuers.isEmpty()) {
            throw new IllegalArgumentException("a client certificate is requested: name its issuers");
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS version is needed");
        }
    }

    /** The certificates of a host name a client sent (any case, a trailing dot ignored); empty if it is not served. */
    public Optional<HostCredentials> forHostName(String hostName) {
        return Optional.ofNullable(byHostName.get(key(hostName)));
    }

    /** A host name as looked up: lower case, without a trailing dot. */
    public static String key(String hostName) {
        String h = hostName.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
