package org.octt.testkit;

import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The key material of a {@link ReferenceCentralSystem}: the root CA its server certificates chain
 * to, a second CA that nobody trusts (for {@link Fault#UNTRUSTED}), a client CA for security
 * profile 3, and the server key pairs (RSA-2048 and ECDSA P-256). The server certificates
 * themselves are issued at each start, from these keys, according to the faults.
 *
 * <p>Generating the RSA-2048 key is the slow part of a start (a few hundred milliseconds). Tests
 * that start many Central Systems generate one {@code ReferencePki} and pass it to each
 * {@link ReferenceCentralSystem.Builder#pki(ReferencePki)}; they then share one root certificate.
 *
 * <p>Immutable and thread-safe. The CAs have ECDSA P-256 keys and sign with SHA256withECDSA.
 */
public final class ReferencePki {

    private final IssuedCertificate rootCa;
    private final IssuedCertificate untrustedCa;
    private final IssuedCertificate clientCa;
    private final KeyPair rsaKeyPair;
    private final KeyPair ecKeyPair;

    private ReferencePki(IssuedCertificate rootCa, IssuedCertificate untrustedCa, IssuedCertificate clientCa,
            KeyPair rsaKeyPair, KeyPair ecKeyPair) {
        this.rootCa = rootCa;
        this.untrustedCa = untrustedCa;
        this.clientCa = clientCa;
        this.rsaKeyPair = rsaKeyPair;
        this.ecKeyPair = ecKeyPair;
    }

    /** Generates fresh keys and CA certificates. Takes a few hundred milliseconds (RSA-2048). */
    public static ReferencePki generate() {
        IssuedCertificate root = ca("O=octt, CN=octt reference root CA");
        IssuedCertificate untrusted = ca("O=octt untrusted, CN=octt untrusted CA");
        IssuedCertificate client = ca("O=octt, CN=octt reference client CA");
        return new ReferencePki(root, untrusted, client, KeyPairs.rsa(2048), KeyPairs.ec("secp256r1"));
    }

    private static IssuedCertificate ca(String subject) {
        return CertificateBuilder.create().subject(subject).keyPair(KeyPairs.ec("secp256r1")).ca().build();
    }

    /** The root CA certificate that a Charge Point must trust. */
    public X509Certificate rootCertificate() {
        return rootCa.certificate();
    }

    /** {@link #rootCertificate()} in PEM. */
    public String rootCertificatePem() {
        return Pem.certificate(rootCa.certificate());
    }

    /** The CA whose client certificates the Central System accepts under security profile 3. */
    public X509Certificate clientCaCertificate() {
        return clientCa.certificate();
    }

    /**
     * Issues a Charge Point certificate accepted under security profile 3: ECDSA P-256,
     * subject {@code O=octt, CN=<chargePointId>} (whitepaper A00.FR.404/405: O the operator, CN the
     * Charge Point's serial number), valid from an hour ago for a year, issued by the client CA.
     *
     * @param chargePointId not null, not blank
     * @return the certificate with its key and issuer chain (the client CA)
     */
    public IssuedCertificate issueClientCertificate(String chargePointId) {
        Objects.requireNonNull(chargePointId, "chargePointId");
        if (chargePointId.isBlank()) {
            throw new IllegalArgumentException("charge point id must not be blank, was: '" + chargePointId + "'");
        }
        return CertificateBuilder.create().subject("O=octt, CN=" + rdnValue(chargePointId))
                .keyPair(KeyPairs.ec("secp256r1")).issuer(clientCa).build();
    }

    IssuedCertificate rootCa() {
        return rootCa;
    }

    IssuedCertificate untrustedCa() {
        return untrustedCa;
    }

    /**
     * The client CA with its key: what a tester holding the Charge Point CA gives octt
     * ({@code --client-ca-cert}, {@code --client-ca-key}) to issue certificates the Central System
     * must refuse (expired, another Charge Point's CN).
     */
    public IssuedCertificate clientCa() {
        return clientCa;
    }

    KeyPair rsaKeyPair() {
        return rsaKeyPair;
    }

    KeyPair ecKeyPair() {
        return ecKeyPair;
    }

    /** Escapes an RFC 4514 attribute value. */
    static String rdnValue(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' '))
                    || (i == value.length() - 1 && c == ' ')) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ReferencePki[root=" + rootCa.certificate().getSubjectX500Principal().getName() + ", keys=****]";
    }
}
