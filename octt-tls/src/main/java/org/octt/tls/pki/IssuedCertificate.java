package org.octt.tls.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its key pair and the chain of its issuers (leaf first, root last; the root is
 * included). {@link #toString()} never shows the private key.
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(keyPair, "keyPair");
        issuers = List.copyOf(issuers);
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** This certificate followed by its issuers. */
    public List<X509Certificate> chain() {
        List<X509Certificate> c = new ArrayList<>();
        c.add(certificate);
        c.addAll(issuers);
        return c;
    }

    /** The chain a server sends: this certificate and its issuers, without the self-signed root. */
    public List<X509Certificate> chainWithoutRoot() {
        List<X509Certificate> c = chain();
        if (c.size() > 1) {
            c.remove(c.size() - 1);
        }
        return c;
    }

    /** The certificate in PEM. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** The private key in PKCS#8 PEM. */
    public String privateKeyPem() {
        return Pem.privateKey(keyPair.getPrivate());
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + ", key=****]";
    }
}
