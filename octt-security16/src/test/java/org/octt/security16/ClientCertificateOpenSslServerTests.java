package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.testsupport.OpenSslServer;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.security16.ClientCertificateRuns.check;
import static org.octt.security16.ClientCertificateRuns.run;

/**
 * Interop with a TLS server octt's authors did not write: {@code openssl s_server -Verify 1
 * -verify_return_error -CAfile <Charge Point CA>} (client certificate required) and plain
 * {@code openssl s_server} (none requested). It speaks no WebSocket, so only the TLS checks are
 * asserted: the CertificateRequest is observed or its absence reported, and the self-signed,
 * expired and wrong-issuer certificates octt makes are refused in the handshake, each presented
 * although the server's CertificateRequest names only the Charge Point CA.
 */
@Timeout(90)
class ClientCertificateOpenSslServerTests {

    @TempDir
    static Path dir;

    static IssuedCertificate serverRoot;
    static IssuedCertificate rsaServer;
    static IssuedCertificate ecServer;
    static IssuedCertificate chargePointCa;
    static IssuedCertificate client;

    @BeforeAll
    static void pki() {
        serverRoot = CertificateBuilder.create().subject("CN=interop server root").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        rsaServer = CertificateBuilder.create().subject("CN=localhost").dnsNames("localhost").issuer(serverRoot).build();
        ecServer = CertificateBuilder.create().subject("CN=localhost").dnsNames("localhost").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(serverRoot).build();
        chargePointCa = CertificateBuilder.create().subject("CN=interop charge point CA").keyPair(KeyPairs.ec("secp256r1"))
                .ca().build();
        client = CertificateBuilder.create().subject("O=interop, CN=CP001").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(chargePointCa).build();
    }

    private static OpenSslServer.Builder server(String name) {
        return OpenSslServer.builder(dir.resolve(name)).cert(rsaServer.chainWithoutRoot(), rsaServer.privateKey())
                .dcert(ecServer.chainWithoutRoot(), ecServer.privateKey());
    }

    private static TestContext context(OpenSslServer server) {
        return TestContext.builder(Target.of(URI.create("wss://localhost:" + server.port() + "/ocpp/CP001"))
                        .withConnectAddress(server.address()))
                .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE)
                .clientKeyMaterial(KeyMaterial.of(client.chain(), client.privateKey()))
                .chargePointCa(KeyMaterial.of(List.of(chargePointCa.certificate()), chargePointCa.privateKey()))
                .trustAnchors(List.of(serverRoot.certificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(3)))
                .build();
    }

    @Test
    void tc087SeesTheCertificateRequestOfVerify1AndPassesTheTlsChecks() throws IOException {
        try (OpenSslServer server = server("verify").requireClientCertificate(chargePointCa.certificate()).start()) {
            TestCaseResult r = run(Tc087TestCase.ID, context(server));

            assertThat(check(r, "tls.client-certificate-requested").verdict()).as(server.output()).isEqualTo(PASSED);
            assertThat(check(r, "tls.client-certificate-requested").message())
                    .startsWith("the server sent a CertificateRequest and ended the handshake in which octt sent no certificate");
            assertThat(check(r, "tls.version").verdict()).as(check(r, "tls.version").message()).isEqualTo(PASSED);
            assertThat(check(r, "tls.cipher-suites").verdict()).as(check(r, "tls.cipher-suites").message()).isEqualTo(PASSED);
        }
    }

    @Test
    void tc087FailsClientCertificateRequestedWithoutVerify() throws IOException {
        try (OpenSslServer server = server("no-verify").start()) {
            TestCaseResult r = run(Tc087TestCase.ID, context(server));

            CheckResult requested = check(r, "tls.client-certificate-requested");
            assertThat(requested.verdict()).isEqualTo(FAILED);
            assertThat(requested.message()).startsWith("the server sent no CertificateRequest in a handshake offering"
                    + " TLS 1.2 and 1.3").contains("security profile 3 is not in force");
        }
    }

    @Test
    void invalidClientCertificatesAreRefusedInTheHandshakeByVerify1() throws IOException {
        try (OpenSslServer server = server("verify-refusals").requireClientCertificate(chargePointCa.certificate()).start()) {
            TestCaseResult r = run(InvalidClientCertificateTestCase.ID, context(server));

            for (String id : List.of("tls.untrusted-client-certificate-refused", "tls.expired-client-certificate-refused")) {
                assertThat(check(r, id).verdict()).as(check(r, id).message() + "\n" + server.output()).isEqualTo(PASSED);
                assertThat(check(r, id).message()).startsWith("refused");
            }
            // s_server checks no CN: the wrong-CN certificate from the right CA is accepted in the handshake,
            // and s_server -www then answers the upgrade with 200 (a non-101 answer: refused at the HTTP level)
            assertThat(check(r, "tls.wrong-cn-client-certificate-refused").message())
                    .startsWith("refused: the Central System answered the upgrade with HTTP 200");
            assertThat(server.output()).contains("CP001-OTHER");
        }
    }
}
