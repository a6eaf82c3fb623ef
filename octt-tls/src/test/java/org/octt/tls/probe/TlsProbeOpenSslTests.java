package org.octt.tls.probe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class TlsProbeOpenSslTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));

    @TempDir
    static Path dir;

    static IssuedCertificate root;
    static IssuedCertificate rsa;
    static IssuedCertificate ec;
    static OpenSslServer dual;

    @BeforeAll
    static void startServers() throws Exception {
        root = CertificateBuilder.create().subject("CN=octt probe test root").ca().build();
        rsa = CertificateBuilder.create().subject("CN=localhost, O=rsa").issuer(root).build();
        ec = CertificateBuilder.create().subject("CN=localhost, O=ec").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(root).build();
        dual = OpenSslServer.builder(dir.resolve("dual")).rsa(rsa).ec(ec).start();
    }

    @AfterAll
    static void stopServers() {
        if (dual != null) {
            dual.close();
        }
    }

    private static ProbeOutcome probe(OpenSslServer server, TlsVersion version, String suite) {
        return PROBE.probe(ProbeRequest.of("localhost", server.port(), version, suite)
                .withConnectAddress(server.address())).block(Duration.ofSeconds(20));
    }

    @Test
    void servesEcCertificateForEcdheEcdsaSuite() throws Exception {
        ProbeOutcome outcome = probe(dual, TlsVersion.TLS1_2, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

        assertThat(outcome).isInstanceOf(ProbeOutcome.Accepted.class);
        ProbeOutcome.Accepted a = (ProbeOutcome.Accepted) outcome;
        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(a.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(a.namedGroup()).isPresent();
        assertThat(a.compression()).isEqualTo("null");
        assertThat(a.leaf().orElseThrow().encoded()).isEqualTo(ec.certificate().getEncoded());
        assertThat(a.message()).isEqualTo("server accepted TLSv1.2 with TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                + " (group " + a.namedGroup().get() + "); it sent 1 certificate, leaf O=ec,CN=localhost");
        System.out.println(a + " " + a.message());
    }

    @Test
    void servesRsaCertificateForRsaKeyExchangeSuite() throws Exception {
        ProbeOutcome outcome = probe(dual, TlsVersion.TLS1_2, "TLS_RSA_WITH_AES_128_GCM_SHA256");

        assertThat(outcome).isInstanceOf(ProbeOutcome.Accepted.class);
        ProbeOutcome.Accepted a = (ProbeOutcome.Accepted) outcome;
        assertThat(a.cipherSuite()).isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(a.namedGroup()).isEmpty();
        assertThat(a.leaf().orElseThrow().encoded()).isEqualTo(rsa.certificate().getEncoded());
        System.out.println(a + " " + a.message());
    }
}
