package org.octt.tls.probe;

import org.octt.testsupport.OpenSslServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes presenting a client certificate (OCPP security profile 3) to {@code openssl s_server -Verify 1},
 * which requires one issued by its client CA.
 */
@Timeout(60)
class TlsProbeClientCertificateTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));
    private static final String RSA_SUITE = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDSA_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String TLS13_SUITE = "TLS_AES_128_GCM_SHA256";
    private static final String NO_CERTIFICATE_NOTE = "; it asked for a client certificate and none was configured,"
            + " so the probe sent an empty Certificate";

    @TempDir
    static Path dir;

    static IssuedCertificate clientCa;
    static IssuedCertificate rsaClient;
    static IssuedCertificate ecClient;
    static IssuedCertificate p384Client;
    static IssuedCertificate strangerClient;
    static OpenSslServer server;
    static OpenSslServer tls13;

    @BeforeAll
    static void startServers() throws IOException {
        IssuedCertificate serverRoot = CertificateBuilder.create().subject("CN=octt server root")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build();
        IssuedCertificate rsaServer = CertificateBuilder.create().subject("CN=localhost, O=rsa").issuer(serverRoot)
                .build();
        IssuedCertificate ecServer = CertificateBuilder.create().subject("CN=localhost, O=ec")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(serverRoot).build();
        clientCa = CertificateBuilder.create().subject("CN=octt charge point CA").keyPair(KeyPairs.ec("secp256r1"))
                .ca().build();
        rsaClient = CertificateBuilder.create().subject("CN=CP001, O=rsa client").issuer(clientCa).build();
        ecClient = CertificateBuilder.create().subject("CN=CP002, O=ec client").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(clientCa).build();
        p384Client = CertificateBuilder.create().subject("CN=CP003, O=p384 client").keyPair(KeyPairs.ec("secp384r1"))
                .issuer(clientCa).build();
        strangerClient = CertificateBuilder.create().subject("CN=CP666, O=self-signed")
                .keyPair(KeyPairs.ec("secp256r1")).build();
        server = OpenSslServer.builder(dir.resolve("mtls")).cert(rsaServer.chainWithoutRoot(), rsaServer.privateKey()).dcert(ecServer.chainWithoutRoot(), ecServer.privateKey())
                .requireClientCertificate(clientCa.certificate()).start();
        tls13 = OpenSslServer.builder(dir.resolve("mtls13")).cert(rsaServer.chainWithoutRoot(), rsaServer.privateKey())
                .requireClientCertificate(clientCa.certificate()).args("-tls1_3").start();
    }

    @AfterAll
    static void stopServers() {
        for (OpenSslServer s : new OpenSslServer[] {server, tls13}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static ProbeRequest request(OpenSslServer target, TlsVersion version, String suite) {
        return ProbeRequest.of("localhost", target.port(), version, suite).withConnectAddress(target.address());
    }

    private static ProbeRequest request(OpenSslServer target, TlsVersion version, String suite,
                                        IssuedCertificate client) {
        return request(target, version, suite).withClientCertificate(client.chainWithoutRoot(), client.privateKey());
    }

    private static ProbeOutcome probe(ProbeRequest request) {
        return PROBE.probe(request).block(Duration.ofSeconds(20));
    }

    private static ProbeOutcome.Accepted accepted(ProbeOutcome outcome, OpenSslServer target) {
        assertThat(outcome).as(outcome.message() + "\ns_server said:\n" + target.output())
                .isInstanceOf(ProbeOutcome.Accepted.class);
        return (ProbeOutcome.Accepted) outcome;
    }

    private static ProbeOutcome.Refused refused(ProbeOutcome outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Refused.class);
        return (ProbeOutcome.Refused) outcome;
    }

    // ---- TLS 1.2 ----

    @Test
    void acceptsTls12RsaKeyExchangeSuiteWithRsaClientCertificate() {
        ProbeOutcome.Accepted a = accepted(probe(request(server, TlsVersion.TLS1_2, RSA_SUITE, rsaClient)), server);

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(a.cipherSuite()).isEqualTo(RSA_SUITE);
        assertThat(a.clientCertificateRequested()).isTrue();
        assertThat(a.leaf().orElseThrow().certificate().orElseThrow().getSubjectX500Principal().getName())
                .isEqualTo("O=rsa,CN=localhost");
    }

    @Test
    void acceptsTls12EcdheEcdsaSuiteWithEcClientCertificate() {
        ProbeOutcome.Accepted a = accepted(probe(request(server, TlsVersion.TLS1_2, ECDSA_SUITE, ecClient)), server);

        assertThat(a.cipherSuite()).isEqualTo(ECDSA_SUITE);
        assertThat(a.leaf().orElseThrow().certificate().orElseThrow().getSubjectX500Principal().getName())
                .isEqualTo("O=ec,CN=localhost");
    }

    @Test
    void acceptsTls12EcdheEcdsaSuiteWithRsaClientCertificate() {
        ProbeOutcome.Accepted a = accepted(probe(request(server, TlsVersion.TLS1_2, ECDSA_SUITE, rsaClient)), server);

        assertThat(a.cipherSuite()).isEqualTo(ECDSA_SUITE);
    }

    @Test
    void refusesTls12WithoutClientCertificateAndSaysTheServerAskedForOne() {
        ProbeOutcome.Refused r = refused(probe(request(server, TlsVersion.TLS1_2, RSA_SUITE)));

        // OpenSSL: "peer did not return a certificate"
        assertThat(r.alert()).isEqualTo("handshake_failure(40)");
        assertThat(r.clientCertificateRequested()).isTrue();
        assertThat(r.chain()).hasSize(1);
        assertThat(r.message()).isEqualTo("localhost:" + server.port() + " (connecting to 127.0.0.1:" + server.port()
                + ") refused the handshake with fatal alert handshake_failure(40) after sending its certificate,"
                + " in answer to a ClientHello offering TLSv1.2 with [" + RSA_SUITE + "]" + NO_CERTIFICATE_NOTE);
    }

    @Test
    void refusesTls12ClientCertificateFromAnUnknownCaNamingTheCertificateSent() {
        ProbeOutcome.Refused r = refused(probe(request(server, TlsVersion.TLS1_2, ECDSA_SUITE, strangerClient)));

        assertThat(r.alert()).isEqualTo("unknown_ca(48)");
        assertThat(r.message()).endsWith("; it asked for a client certificate and the probe sent client certificate"
                + " O=self-signed,CN=CP666 (EC key on secp256r1, signing with ecdsa_secp256r1_sha256)");
    }

    @Test
    void sendsEmptyCertificateWhenServerAcceptsNoCertificateTypeForTheKey() throws IOException {
        try (OpenSslServer ecdsaOnly = OpenSslServer.builder(dir.resolve("ecdsa-only")).cert(rsaClient.chainWithoutRoot(), rsaClient.privateKey())
                .requireClientCertificate(clientCa.certificate()).args("-client_sigalgs", "ECDSA+SHA256").start()) {
            ProbeOutcome.Refused r = refused(probe(request(ecdsaOnly, TlsVersion.TLS1_2,
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", rsaClient)));

            assertThat(r.alert()).isEqualTo("handshake_failure(40)");
            assertThat(r.message()).endsWith("; it asked for a client certificate and the probe sent an empty"
                    + " Certificate: the server accepts certificate types [ecdsa_sign], none for the RSA-2048 key"
                    + " of O=rsa client,CN=CP001");
        }
    }

    @Test
    void sendsEmptyCertificateWhenServerAcceptsNoSignatureAlgorithmForTheKey() throws IOException {
        try (OpenSslServer pssOnly = OpenSslServer.builder(dir.resolve("pss-only")).cert(rsaClient.chainWithoutRoot(), rsaClient.privateKey())
                .requireClientCertificate(clientCa.certificate())
                .args("-tls1_3", "-client_sigalgs", "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384").start()) {
            ProbeOutcome.Refused r = refused(probe(request(pssOnly, TlsVersion.TLS1_3, TLS13_SUITE, ecClient)));

            assertThat(r.alert()).isEqualTo("certificate_required(116)");
            assertThat(r.message()).endsWith("; it asked for a client certificate and the probe sent an empty"
                    + " Certificate: the server accepts signature algorithms [rsa_pss_rsae_sha256,"
                    + " rsa_pss_rsae_sha384], none usable with the EC key on secp256r1 of O=ec client,CN=CP002"
                    + " in TLS 1.3");
        }
    }

    // ---- TLS 1.3 ----

    @Test
    void acceptsTls13WithRsaClientCertificate() {
        ProbeOutcome.Accepted a = accepted(probe(request(tls13, TlsVersion.TLS1_3, TLS13_SUITE, rsaClient)), tls13);

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(a.cipherSuite()).isEqualTo(TLS13_SUITE);
        assertThat(a.clientCertificateRequested()).isTrue(); // in TLS 1.3 the request is encrypted
    }

    @Test
    void acceptsTls13WithEcClientCertificate() {
        ProbeOutcome.Accepted a = accepted(probe(request(tls13, TlsVersion.TLS1_3, TLS13_SUITE, ecClient)), tls13);

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
    }

    @Test
    void acceptsTls13WithP384ClientCertificate() {
        ProbeOutcome.Accepted a = accepted(probe(request(tls13, TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384",
                p384Client)), tls13);

        assertThat(a.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void refusesTls13WithoutClientCertificateWithCertificateRequired() {
        ProbeOutcome.Refused r = refused(probe(request(tls13, TlsVersion.TLS1_3, TLS13_SUITE)));

        assertThat(r.alert()).isEqualTo("certificate_required(116)");
        assertThat(r.clientCertificateRequested()).isTrue();
        assertThat(r.alertCode()).isEqualTo(116);
        assertThat(r.level()).isEqualTo("fatal");
        assertThat(r.chain()).hasSize(1);
        assertThat(r.message()).isEqualTo("localhost:" + tls13.port() + " (connecting to 127.0.0.1:" + tls13.port()
                + ") refused the handshake with fatal alert certificate_required(116) after sending its certificate,"
                + " in answer to a ClientHello offering TLSv1.3 with [" + TLS13_SUITE + "]" + NO_CERTIFICATE_NOTE);
    }

    @Test
    void refusesTls13ClientCertificateFromAnUnknownCa() {
        ProbeOutcome.Refused r = refused(probe(request(tls13, TlsVersion.TLS1_3, TLS13_SUITE, strangerClient)));

        assertThat(r.alert()).isEqualTo("unknown_ca(48)");
        assertThat(r.message()).endsWith("the probe sent client certificate O=self-signed,CN=CP666"
                + " (EC key on secp256r1, signing with ecdsa_secp256r1_sha256)");
    }

    @Test
    void judgesTls13ClientCertificateOnServerThatSendsNoSessionTicket() throws IOException {
        try (OpenSslServer silent = OpenSslServer.builder(dir.resolve("no-tickets")).cert(rsaClient.chainWithoutRoot(), rsaClient.privateKey())
                .requireClientCertificate(clientCa.certificate()).args("-tls1_3", "-num_tickets", "0").start()) {
            ProbeOutcome.Accepted a = accepted(probe(request(silent, TlsVersion.TLS1_3, TLS13_SUITE, rsaClient)), silent);
            assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
            assertThat(a.elapsed()).isLessThan(Duration.ofSeconds(4)); // waited at most the 1 s verdict wait

            ProbeOutcome.Refused r = refused(probe(request(silent, TlsVersion.TLS1_3, TLS13_SUITE)));
            assertThat(r.alert()).isEqualTo("certificate_required(116)");
        }
    }

    @Test
    void presentsClientCertificateInTls13WhenTls12AndTls13AreOffered() {
        ProbeOutcome.Accepted a = accepted(probe(ProbeRequest.of("localhost", server.port(),
                List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3), List.of(ECDSA_SUITE, TLS13_SUITE))
                .withConnectAddress(server.address())
                .withClientCertificate(ecClient.chainWithoutRoot(), ecClient.privateKey())), server);

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(a.cipherSuite()).isEqualTo(TLS13_SUITE);
    }

    @Test
    void ignoresClientCertificateWhenServerDoesNotAskForOne() throws IOException {
        try (OpenSslServer plain = OpenSslServer.builder(dir.resolve("plain")).cert(rsaClient.chainWithoutRoot(), rsaClient.privateKey()).start()) {
            ProbeOutcome.Accepted a12 = accepted(probe(request(plain, TlsVersion.TLS1_2,
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", ecClient)), plain);
            ProbeOutcome.Accepted a13 = accepted(probe(request(plain, TlsVersion.TLS1_3, TLS13_SUITE, ecClient)), plain);

            assertThat(a12.version()).isEqualTo(TlsVersion.TLS1_2);
            assertThat(a13.version()).isEqualTo(TlsVersion.TLS1_3);
            assertThat(a12.clientCertificateRequested()).isFalse();
            assertThat(a13.clientCertificateRequested()).isFalse();
        }
    }
}
