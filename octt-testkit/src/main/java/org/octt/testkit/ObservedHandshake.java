package org.octt.testkit;

import java.util.Objects;

/**
 * A TLS handshake the reference Central System completed.
 *
 * @param protocol the negotiated version in JSSE naming: {@code TLSv1}, {@code TLSv1.1},
 *        {@code TLSv1.2} or {@code TLSv1.3}
 * @param cipherSuite the IANA name of the negotiated suite, e.g. {@code TLS_RSA_WITH_AES_128_GCM_SHA256}
 * @param certificateKeyAlgorithm the key algorithm of the certificate the server sent: {@code RSA} or {@code EC}
 * @param clientCertificate whether the client presented a (verified) certificate
 */
public record ObservedHandshake(String protocol, String cipherSuite, String certificateKeyAlgorithm,
        boolean clientCertificate) {

    public ObservedHandshake {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(certificateKeyAlgorithm, "certificateKeyAlgorithm");
    }
}
