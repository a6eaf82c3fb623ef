package org.octt.tls.ws;

import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/** The test PKI: a Central System root and server certificate, a Charge Point root and client certificate, a stranger root. */
public final class TestPki {

    public static final String HOST = "csms.octt.test";

    // EC keys: fast to generate on a small machine; the RSA server certificate covers RSA.
    public final IssuedCertificate serverRoot = CertificateBuilder.create().subject("CN=octt test CSMS root")
            .keyPair(KeyPairs.ec("secp256r1")).ca().build();
    public final IssuedCertificate server = CertificateBuilder.create().subject("CN=" + HOST + ", O=octt")
            .dnsNames(HOST, "localhost").ipAddresses("127.0.0.1").issuer(serverRoot).build();
    public final IssuedCertificate ecServer = CertificateBuilder.create().subject("CN=" + HOST + ", O=octt")
            .keyPair(KeyPairs.ec("secp256r1")).dnsNames(HOST, "localhost").issuer(serverRoot).build();
    public final IssuedCertificate clientRoot = CertificateBuilder.create().subject("CN=octt test CP root")
            .keyPair(KeyPairs.ec("secp256r1")).ca().build();
    public final IssuedCertificate client = CertificateBuilder.create().subject("CN=CP001, O=octt operator")
            .keyPair(KeyPairs.ec("secp256r1")).issuer(clientRoot).build();
    public final IssuedCertificate strangerRoot = CertificateBuilder.create().subject("CN=some other root")
            .keyPair(KeyPairs.ec("secp256r1")).ca().build();

    private static TestPki shared;

    private TestPki() {
    }

    /** One PKI for the whole test run: key generation is slow on a small machine. Immutable once built. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            shared = new TestPki();
        }
        return shared;
    }

    /** The key as a JDK (SunRsaSign/SunEC) key, for JSSE on the server side. */
    public static PrivateKey jdkKey(IssuedCertificate c) {
        try {
            PrivateKey k = c.privateKey();
            String alg = "ECDSA".equals(k.getAlgorithm()) ? "EC" : k.getAlgorithm();
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(k.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
