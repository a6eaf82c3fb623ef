package org.octt.tls.probe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientCredentialTests {

    static IssuedCertificate ca;
    static IssuedCertificate ec;
    static IssuedCertificate p192;

    @BeforeAll
    static void certificates() {
        ca = CertificateBuilder.create().subject("CN=CP CA").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        ec = CertificateBuilder.create().subject("CN=CP001, O=operator").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(ca).build();
        p192 = CertificateBuilder.create().subject("CN=CP192").keyPair(KeyPairs.ec("secp192r1")).build();
    }

    private static ProbeRequest request() {
        return ProbeRequest.of("csms.example.com", 443, TlsVersion.TLS1_2, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void keepsTheCredentialThroughOtherWithMethodsUntilRemoved() {
        ProbeRequest r = request().withClientCertificate(ec.chainWithoutRoot(), ec.privateKey());

        assertThat(request().clientCredential()).isEmpty();
        assertThat(r.clientCredential()).map(ClientCredential::chain).contains(List.of(ec.certificate()));
        assertThat(r.withTimeout(java.time.Duration.ofSeconds(3)).withVersions(List.of(TlsVersion.TLS1_3))
                .withCipherSuites(List.of("TLS_AES_128_GCM_SHA256"))
                .withConnectAddress(new java.net.InetSocketAddress("127.0.0.1", 8443)).clientCredential())
                .isEqualTo(r.clientCredential());
        assertThat(r.withoutClientCertificate().clientCredential()).isEmpty();
    }

    @Test
    void neverShowsTheKeyInToString() {
        ClientCredential c = new ClientCredential(ec.chain(), ec.privateKey());
        String encodedKey = Base64.getEncoder().encodeToString(ec.privateKey().getEncoded());
        ProbeRequest r = request().withClientCertificate(c);

        assertThat(c.toString()).isEqualTo("ClientCredential[O=operator,CN=CP001, 2 certificates, EC key=****]");
        assertThat(r.toString()).contains("ClientCredential[O=operator,CN=CP001")
                .doesNotContain(encodedKey.substring(0, 40)).doesNotContain(ec.privateKey().toString());
    }

    @Test
    void acceptsRsaKeysAndKeysOnCurvesOnlyBouncyCastleGenerates() {
        IssuedCertificate rsa = CertificateBuilder.create().subject("CN=CP-RSA").build();

        assertThat(new ClientCredential(List.of(rsa.certificate()), rsa.privateKey()).subject()).isEqualTo("CN=CP-RSA");
        assertThat(new ClientCredential(List.of(p192.certificate()), p192.privateKey()).leaf())
                .isEqualTo(p192.certificate());
    }

    @Test
    void rejectsKeyOfAnotherCertificateNamingTheCertificate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClientCredential(ec.chain(), ca.privateKey()))
                .withMessage("client private key (EC) does not belong to client certificate O=operator,CN=CP001"
                        + " (its public key is EC)");
    }

    @Test
    void rejectsKeyOfAnotherTypeThanTheCertificate() {
        KeyPair rsa = KeyPairs.rsa(2048);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClientCredential(ec.chain(), rsa.getPrivate()))
                .withMessage("client private key (RSA) does not belong to client certificate O=operator,CN=CP001"
                        + " (its public key is EC)");
    }

    @Test
    void rejectsEdDsaKeyAndEmptyChain() {
        IssuedCertificate ed = CertificateBuilder.create().subject("CN=CP-ED").keyPair(KeyPairs.ed25519()).build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClientCredential(List.of(ed.certificate()), ed.privateKey()))
                .withMessage("client private key must be RSA or EC, was: Ed25519");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request().withClientCertificate(List.of(), ec.privateKey()))
                .withMessage("client certificate chain must not be empty, was: []");
    }
}
