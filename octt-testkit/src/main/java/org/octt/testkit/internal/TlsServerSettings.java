package org.octt.testkit.internal;

import org.bouncycastle.tls.ProtocolVersion;
import org.octt.tls.pki.IssuedCertificate;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the reference TLS server offers: protocol versions, cipher suites (IANA code points, in
 * preference order), its certificates, and the client CA when client certificates are required.
 */
public record TlsServerSettings(List<ProtocolVersion> versions, List<Integer> cipherSuites,
        Optional<IssuedCertificate> rsa, Optional<IssuedCertificate> ec, Optional<X509Certificate> clientCa) {

    public TlsServerSettings {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(rsa, "rsa");
        Objects.requireNonNull(ec, "ec");
        Objects.requireNonNull(clientCa, "clientCa");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS version is needed");
        }
        if (rsa.isEmpty() && ec.isEmpty()) {
            throw new IllegalArgumentException("at least one server certificate is needed");
        }
    }
}
