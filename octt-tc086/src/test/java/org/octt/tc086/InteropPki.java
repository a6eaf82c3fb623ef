package org.octt.tc086;

import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The PKI the interoperability tests give to servers others wrote: a root CA (ECDSA P-256) and an
 * RSA-2048 and an ECDSA P-256 server certificate whose CN and subjectAltName are {@value #HOST};
 * the target is {@code wss://csms.octt.test:PORT/ocpp/CP001}, reached at 127.0.0.1:PORT.
 */
public final class InteropPki {

    public static final String HOST = "csms.octt.test";
    public static final String CHARGE_POINT_ID = "CP001";
    /** 20 octets: Java-OCA-OCPP refuses Basic auth passwords outside 16 to 20 octets. */
    public static final String PASSWORD = "interop-password-20o";

    /**
     * Generous: the first run in a cold JVM on a loaded 2-core machine can take more than the 2 s
     * the reference Central System tests use for its first handshake, which would abort the test case.
     */
    public static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);

    public final IssuedCertificate root;
    public final IssuedCertificate rsa;
    public final IssuedCertificate ec;

    private InteropPki() {
        root = CertificateBuilder.create().subject("CN=octt interop root").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        rsa = leaf("CN=" + HOST + ", O=rsa").build();
        ec = leaf("CN=" + HOST + ", O=ec").keyPair(KeyPairs.ec("secp256r1")).build();
    }

    public static InteropPki generate() {
        return new InteropPki();
    }

    /** A server certificate for {@value #HOST} (subjectAltName too) issued by the root; RSA-2048 unless changed. */
    public CertificateBuilder leaf(String subject) {
        return CertificateBuilder.create().subject(subject).dnsNames(HOST).issuer(root);
    }

    public static URI url(int port) {
        return URI.create("wss://" + HOST + ":" + port + "/ocpp/" + CHARGE_POINT_ID);
    }

    /** Profile 2 with {@link #PASSWORD}, trusting only the root, the connection going to {@code address}. */
    public TestContext.Builder profile2(InetSocketAddress address) {
        return TestContext.builder(Target.of(url(address.getPort())).withConnectAddress(address))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of(PASSWORD))
                .trustAnchors(List.of(root.certificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT));
    }
}
