package org.octt.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.octt.testkit.TestSupport.PKI;
import static org.octt.testkit.TestSupport.sClient;

/** The TLS side of the reference Central System, seen by OpenSSL's s_client (an independent client). */
@Timeout(60)
class ReferenceCentralSystemTlsTests {

    @TempDir
    Path dir;

    private RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(PKI).faults(faults).build().start();
    }

    private String caFile(RunningCentralSystem cs) throws Exception {
        Path ca = dir.resolve("root.pem");
        Files.writeString(ca, cs.rootCertificatePem());
        return ca.toString();
    }

    @Test
    void servesRsaCertificateForRsaKeyExchangeSuiteOverTls12() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String out = sClient(cs, "-tls1_2", "-cipher", "AES128-GCM-SHA256", "-CAfile", caFile(cs),
                    "-verify_hostname", cs.hostName());

            assertThat(out).contains("Protocol  : TLSv1.2", "Cipher is AES128-GCM-SHA256",
                    "Server public key is 2048 bit", "subject=O = octt reference CSMS, CN = csms.octt.test",
                    "Verify return code: 0 (ok)");
            assertThat(cs.handshakes()).singleElement().isEqualTo(new ObservedHandshake("TLSv1.2",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA", false));
        }
    }

    @Test
    void servesEcCertificateForEcdsaSuiteOverTls12() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String out = sClient(cs, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384", "-CAfile", caFile(cs),
                    "-verify_hostname", cs.hostName());

            assertThat(out).contains("Protocol  : TLSv1.2", "Cipher is ECDHE-ECDSA-AES256-GCM-SHA384",
                    "Server public key is 256 bit", "Verify return code: 0 (ok)");
            assertThat(cs.handshakes()).singleElement().isEqualTo(new ObservedHandshake("TLSv1.2",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "EC", false));
        }
    }

    @Test
    void acceptsAllFourTc086SuitesAndTls13() throws Exception {
        try (RunningCentralSystem cs = start()) {
            for (String suite : new String[] {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                    "AES128-GCM-SHA256", "AES256-GCM-SHA384"}) {
                assertThat(sClient(cs, "-tls1_2", "-cipher", suite)).as(suite).contains("Cipher is " + suite);
            }
            assertThat(sClient(cs, "-tls1_3")).contains("New, TLSv1.3, Cipher is TLS_AES_");
            assertThat(cs.traffic().tlsAlerts()).isEmpty();
        }
    }

    @Test
    void choosesRsaCertificateUnderTls13WhenClientOffersOnlyRsaPss() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String out = sClient(cs, "-tls1_3", "-sigalgs", "rsa_pss_rsae_sha256");

            assertThat(out).contains("New, TLSv1.3", "Server public key is 2048 bit");
            assertThat(cs.handshakes()).singleElement().extracting(ObservedHandshake::certificateKeyAlgorithm)
                    .isEqualTo("RSA");
        }
    }

    @Test
    void refusesEcdsaSuitesWhenRsaOnly() throws Exception {
        try (RunningCentralSystem cs = start(Fault.RSA_ONLY)) {
            String out = sClient(cs, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");

            assertThat(out).contains("alert handshake failure").doesNotContain("Cipher is ECDHE");
            assertThat(cs.traffic().tlsAlerts()).containsExactly("handshake_failure");
            assertThat(cs.ecCertificate()).isEmpty();
            assertThat(sClient(cs, "-tls1_2", "-cipher", "AES128-GCM-SHA256")).contains("Cipher is AES128-GCM-SHA256");
        }
    }

    @Test
    void refusesRsaSuitesWhenEcdsaOnly() throws Exception {
        try (RunningCentralSystem cs = start(Fault.ECDSA_ONLY)) {
            assertThat(sClient(cs, "-tls1_2", "-cipher", "AES256-GCM-SHA384")).contains("alert handshake failure");
            assertThat(sClient(cs, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")).contains("alert handshake failure");
            assertThat(sClient(cs, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"))
                    .contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256");
        }
    }

    @Test
    void refusesRsaKeyExchangeSuitesButKeepsEcdheRsa() throws Exception {
        try (RunningCentralSystem cs = start(Fault.NO_RSA_KX_SUITES)) {
            assertThat(sClient(cs, "-tls1_2", "-cipher", "AES128-GCM-SHA256")).contains("alert handshake failure");
            assertThat(sClient(cs, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"))
                    .contains("Cipher is ECDHE-RSA-AES128-GCM-SHA256", "Server public key is 2048 bit");
        }
    }

    @Test
    void refusesTls12WhenTls13Only() throws Exception {
        try (RunningCentralSystem cs = start(Fault.TLS13_ONLY)) {
            assertThat(sClient(cs, "-tls1_2")).contains("alert protocol version");
            assertThat(sClient(cs, "-tls1_3")).contains("New, TLSv1.3");
        }
    }

    @Test
    void refusesTls10ByDefault() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String out = sClient(cs, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");

            assertThat(out).contains("alert protocol version");
            assertThat(cs.traffic().tlsAlerts()).containsExactly("protocol_version");
        }
    }

    @Test
    void acceptsTls10And11WithLegacyTls() throws Exception {
        try (RunningCentralSystem cs = start(Fault.LEGACY_TLS)) {
            assertThat(sClient(cs, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0")).contains("Protocol  : TLSv1\n");
            assertThat(sClient(cs, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")).contains("Protocol  : TLSv1.1");
            assertThat(sClient(cs, "-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0")).contains("Server public key is 2048 bit");
            assertThat(cs.handshakes()).extracting(ObservedHandshake::protocol)
                    .containsExactly("TLSv1", "TLSv1.1", "TLSv1");
        }
    }

    @Test
    void servesSmallKeysWithRsa1024AndEcP192() throws Exception {
        try (RunningCentralSystem cs = start(Fault.RSA_1024, Fault.EC_P192)) {
            assertThat(sClient(cs, "-tls1_2", "-cipher", "AES128-GCM-SHA256:@SECLEVEL=0"))
                    .contains("Server public key is 1024 bit", "Cipher is AES128-GCM-SHA256");
            // OpenSSL itself refuses P-192 ("wrong curve"), but only after receiving the certificate
            assertThat(sClient(cs, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0"))
                    .contains("Server public key is 192 bit");
            assertThat(((RSAPublicKey) cs.rsaCertificate().orElseThrow().getPublicKey()).getModulus().bitLength())
                    .isEqualTo(1024);
        }
    }

    @Test
    void putsAnotherHostInCnWithCnMismatch() throws Exception {
        try (RunningCentralSystem cs = start(Fault.CN_MISMATCH)) {
            assertThat(sClient(cs, "-tls1_2")).contains("subject=O = octt reference CSMS, CN = other-csms.octt.test");
            assertThat(cs.rsaCertificate().orElseThrow().getSubjectAlternativeNames())
                    .containsExactly(java.util.List.of(2, "csms.octt.test"));
        }
    }

    @Test
    void putsWildcardInCnWithCnWildcard() throws Exception {
        try (RunningCentralSystem cs = start(Fault.CN_WILDCARD)) {
            assertThat(sClient(cs, "-tls1_2")).contains("subject=O = octt reference CSMS, CN = *.octt.test");
        }
    }

    @Test
    void leavesCnOutWithNoCn() throws Exception {
        try (RunningCentralSystem cs = start(Fault.NO_CN)) {
            assertThat(sClient(cs, "-tls1_2")).contains("subject=O = octt reference CSMS\n");
        }
    }

    @Test
    void leavesHostOutOfSubjectAltNameWithSanMismatch() throws Exception {
        try (RunningCentralSystem cs = start(Fault.SAN_MISMATCH)) {
            String out = sClient(cs, "-tls1_2", "-CAfile", caFile(cs), "-verify_hostname", cs.hostName());

            assertThat(out).contains("subject=O = octt reference CSMS, CN = csms.octt.test", "Verify return code: 62 (hostname mismatch)");
        }
    }

    @Test
    void failsVerificationWhenExpiredOrUntrusted() throws Exception {
        try (RunningCentralSystem cs = start(Fault.EXPIRED)) {
            assertThat(sClient(cs, "-tls1_2", "-CAfile", caFile(cs))).contains("Verify return code: 10 (certificate has expired)");
        }
        try (RunningCentralSystem cs = start(Fault.NOT_YET_VALID)) {
            assertThat(sClient(cs, "-tls1_2", "-CAfile", caFile(cs))).contains("Verify return code: 9 (certificate is not yet valid)");
        }
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            assertThat(sClient(cs, "-tls1_2", "-CAfile", caFile(cs)))
                    .contains("Verify return code: 21 (unable to verify the first certificate)", "i:O = octt untrusted, CN = octt untrusted CA");
            assertThat(cs.rsaCertificate().orElseThrow().getIssuerX500Principal())
                    .isNotEqualTo(cs.rootCertificate().getSubjectX500Principal());
        }
    }

    @Test
    void usesSerialZeroWithZeroSerial() throws Exception {
        try (RunningCentralSystem cs = start(Fault.ZERO_SERIAL)) {
            String pem = sClient(cs, "-tls1_2", "-showcerts");
            Path cert = dir.resolve("leaf.pem");
            Files.writeString(cert, pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"),
                    pem.indexOf("-----END CERTIFICATE-----") + 25) + "\n");

            assertThat(TestSupport.run(java.util.List.of("openssl", "x509", "-in", cert.toString(), "-noout", "-serial")))
                    .isEqualTo("serial=00\n");
            assertThat(cs.ecCertificate().orElseThrow().getSerialNumber()).isEqualTo(BigInteger.ZERO);
        }
    }

    @Test
    void neverAnswersClientHelloWithNoTlsAnswer() throws Exception {
        try (RunningCentralSystem cs = start(Fault.NO_TLS_ANSWER); Socket s = new Socket("127.0.0.1", cs.port())) {
            s.setSoTimeout(300);
            s.getOutputStream().write(clientHelloStart());
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();

            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(cs.traffic().connections()).isEqualTo(1);
        }
    }

    @Test
    void answersPlainHttpWithNotTls() throws Exception {
        try (RunningCentralSystem cs = start(Fault.NOT_TLS); Socket s = new Socket("127.0.0.1", cs.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(clientHelloStart());
            out.flush();

            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(sClient(cs)).contains("wrong version number");
        }
    }

    @Test
    void requiresClientCertificateFromClientCaUnderProfile3() throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).securityProfile(3).build().start()) {
            var good = cs.issueClientCertificate("CP001");
            Path cert = dir.resolve("client.pem");
            Path key = dir.resolve("client.key");
            Files.writeString(cert, good.certificatePem());
            Files.writeString(key, good.privateKeyPem());
            assertThat(sClient(cs, "-tls1_2", "-cert", cert.toString(), "-key", key.toString()))
                    .contains("Cipher is ECDHE-");
            assertThat(cs.handshakes()).singleElement().extracting(ObservedHandshake::clientCertificate).isEqualTo(true);

            var foreign = ReferencePki.generate().issueClientCertificate("CP001");
            Files.writeString(cert, foreign.certificatePem());
            Files.writeString(key, foreign.privateKeyPem());
            assertThat(sClient(cs, "-tls1_2", "-cert", cert.toString(), "-key", key.toString()))
                    .contains("alert unknown ca");
            assertThat(sClient(cs, "-tls1_2")).contains("alert handshake failure");
            assertThat(cs.traffic().tlsAlerts()).containsExactly("unknown_ca", "handshake_failure");
        }
    }

    /** The first bytes of a TLS record carrying a ClientHello: enough to look like TLS. */
    private static byte[] clientHelloStart() {
        return new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03};
    }
}
