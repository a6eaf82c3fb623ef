package org.octt.tc086;

import org.octt.testsupport.OpenSslServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.tc086.CheckIds.CERT_KEY_SIZE;
import static org.octt.tc086.CheckIds.CERT_SUBJECT_CN;
import static org.octt.tc086.CheckIds.CERT_TRUST;
import static org.octt.tc086.CheckIds.CERT_X509_PEM;
import static org.octt.tc086.CheckIds.OCPP_BOOT_NOTIFICATION;
import static org.octt.tc086.CheckIds.OCPP_STATUS_NOTIFICATION;
import static org.octt.tc086.CheckIds.TLS_CIPHER_SUITES;
import static org.octt.tc086.CheckIds.TLS_VERSION;
import static org.octt.tc086.CheckIds.WS_UPGRADE;
import static org.octt.tc086.Tc086Runs.check;
import static org.octt.tc086.Tc086Runs.verdicts;

/**
 * TC_086_CSMS, found through discovery, against {@code openssl s_server} (OpenSSL 3.0): a TLS server
 * others wrote, for the TLS and certificate checks. s_server is no WebSocket server: with
 * {@code -www} it answers the upgrade request with its HTTP 200 status page, so {@code ws.upgrade}
 * fails with that status and the OCPP checks are skipped with the reason. Every test asserts the
 * verdict of every check. The PKI is generated once; each s_server starts in well under a second.
 */
@Timeout(60)
class Tc086OpenSslServerTests {

    /** What a plain TLS server that answers the upgrade with 200 makes ws.upgrade say. */
    static final String NOT_101 = " with 200 ok instead of 101 Switching Protocols";
    static final String NOT_ATTEMPTED = "not attempted: the server certificate failed cert.trust, and credentials are"
            + " never sent to an untrusted server";

    @TempDir
    static Path dir;

    static InteropPki pki;

    @BeforeAll
    static void generatePki() {
        pki = InteropPki.generate();
    }

    static OpenSslServer.Builder server(String name) {
        return OpenSslServer.builder(dir.resolve(name));
    }

    static TestCaseResult run(OpenSslServer server) {
        return Tc086Runs.run(pki.profile2(server.address()).build());
    }

    /**
     * The verdicts against s_server with {@code -www}: TLS and certificate checks PASSED,
     * ws.upgrade FAILED (200, not 101), the OCPP checks SKIPPED; overridden by the pairs given.
     */
    static Map<String, Verdict> expected(Object... idsAndVerdicts) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        Tc086ReferenceCentralSystemTests.ALL.forEach(id -> m.put(id, PASSED));
        m.put(WS_UPGRADE, FAILED);
        m.put(OCPP_BOOT_NOTIFICATION, SKIPPED);
        m.put(OCPP_STATUS_NOTIFICATION, SKIPPED);
        for (int i = 0; i < idsAndVerdicts.length; i += 2) {
            m.put((String) idsAndVerdicts[i], (Verdict) idsAndVerdicts[i + 1]);
        }
        return m;
    }

    static void assertVerdicts(TestCaseResult r, Map<String, Verdict> expected) {
        assertThat(verdicts(r)).as("verdict %s, reasons %s", r.verdict(), r.reasons()).containsExactlyEntriesOf(expected);
    }

    static void assertUpgradeFailsWith200(TestCaseResult r, OpenSslServer server) {
        String upgrade = "the server answered the WebSocket upgrade at " + InteropPki.url(server.port()) + NOT_101;
        assertThat(check(r, WS_UPGRADE).message()).isEqualTo(upgrade);
        assertThat(check(r, WS_UPGRADE).evidence()).containsEntry("status", 200);
        assertThat(check(r, OCPP_BOOT_NOTIFICATION).message()).isEqualTo("no WebSocket session: " + upgrade);
        assertThat(check(r, OCPP_STATUS_NOTIFICATION).message()).isEqualTo("no WebSocket session: " + upgrade);
    }

    @Test
    void passesEveryTlsAndCertificateCheckWithBothCertificatesAndFailsTheUpgradeAnsweredWith200() throws IOException {
        try (OpenSslServer s = server("both").cert(pki.rsa.chainWithoutRoot(), pki.rsa.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey()).start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected());
            assertThat(r.verdict()).isEqualTo(FAILED);
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.3 with TLS_AES_");
            assertThat(check(r, TLS_VERSION).warnings()).isEmpty();
            assertThat(check(r, TLS_VERSION).evidence().get("legacyVersions").toString())
                    .contains("TLSv1=refused", "TLSv1.1=refused");
            assertThat(check(r, TLS_CIPHER_SUITES).message()).isEqualTo("all four required cipher suites are accepted"
                    + " in TLS 1.2: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: accepted;"
                    + " TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: accepted; TLS_RSA_WITH_AES_128_GCM_SHA256: accepted;"
                    + " TLS_RSA_WITH_AES_256_GCM_SHA384: accepted");
            assertThat(check(r, CERT_KEY_SIZE).message())
                    .contains("EC secp256r1 certificate: EC key on secp256r1 with a 256-bit field")
                    .contains("RSA-2048 certificate: RSA key of 2048 bits");
            assertThat(check(r, CERT_X509_PEM).evidence().toString()).contains("-----BEGIN CERTIFICATE-----");
            assertThat(check(r, CERT_SUBJECT_CN).message())
                    .contains("EC secp256r1 certificate: commonName csms.octt.test is the FQDN csms.octt.test")
                    .contains("RSA-2048 certificate: commonName csms.octt.test is the FQDN csms.octt.test");
            assertThat(check(r, CERT_TRUST).message())
                    .contains("certification path of O=ec,CN=csms.octt.test is valid")
                    .contains("certification path of O=rsa,CN=csms.octt.test is valid")
                    .contains("anchored at CN=octt interop root");
            assertUpgradeFailsWith200(r, s);
            assertThat(r.reasons()).singleElement().asString().startsWith("ws.upgrade: ");
        }
    }

    @Test
    void failsCipherSuitesNamingTheEcdsaSuitesWhenOnlyAnRsaCertificateIsServed() throws IOException {
        try (OpenSslServer s = server("rsa").cert(pki.rsa.chainWithoutRoot(), pki.rsa.privateKey()).start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(check(r, TLS_CIPHER_SUITES).message())
                    .startsWith("2 of the four required cipher suites refused in TLS 1.2: ")
                    .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: refused (handshake_failure(40));"
                            + " enable ECDHE-ECDSA-AES128-GCM-SHA256 in the server's cipher list")
                    .contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: refused (handshake_failure(40));"
                            + " enable ECDHE-ECDSA-AES256-GCM-SHA384 in the server's cipher list")
                    .contains("TLS_RSA_WITH_AES_128_GCM_SHA256: accepted", "TLS_RSA_WITH_AES_256_GCM_SHA384: accepted")
                    .endsWith("The ECDSA suites need an ECDSA certificate beside the RSA one (A00.FR.317)");
            assertThat(check(r, CERT_KEY_SIZE).message()).isEqualTo("RSA key of 2048 bits (at least 2048 required)");
            assertUpgradeFailsWith200(r, s);
            assertThat(r.reasons()).anyMatch(line -> line.startsWith("tls.cipher-suites: 2 of the four"));
        }
    }

    @Test
    void failsCipherSuitesButNotVersionWhenOnlyTls13IsAccepted() throws IOException {
        try (OpenSslServer s = server("tls13").cert(pki.rsa.chainWithoutRoot(), pki.rsa.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey()).args("-tls1_3").start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.3");
            assertThat(check(r, TLS_CIPHER_SUITES).message())
                    .startsWith("4 of the four required cipher suites refused in TLS 1.2: ")
                    .contains("TLS_RSA_WITH_AES_128_GCM_SHA256: refused (protocol_version(70)); the server refuses"
                            + " TLS 1.2 itself: enable TLS 1.2 and AES128-GCM-SHA256 in the server's cipher list")
                    .doesNotContain("accepted", "ECDSA certificate beside");
            // only the TLS 1.3 handshake completed: s_server chose one of its two certificates for it
            assertThat(check(r, CERT_KEY_SIZE).message()).doesNotContain(";");
            assertUpgradeFailsWith200(r, s);
        }
    }

    @Test
    void warnsButPassesVersionWhenTls10AndTls11AreAlsoAccepted() throws IOException {
        try (OpenSslServer s = server("legacy").cert(pki.rsa.chainWithoutRoot(), pki.rsa.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey())
                .args("-cipher", "DEFAULT:@SECLEVEL=0", "-min_protocol", "TLSv1").start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected());
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.3");
            assertThat(check(r, TLS_VERSION).warnings()).singleElement().asString()
                    .isEqualTo("also accepts TLSv1 and TLSv1.1: allowed only while Charge Points that cannot use TLS 1.2"
                            + " are expected (whitepaper A00.FR.312, A00.FR.314); disable it otherwise");
            assertUpgradeFailsWith200(r, s);
        }
    }

    @Test
    void failsKeySizeCheckForRsa1024Certificate() throws IOException {
        IssuedCertificate rsa1024 = pki.leaf("CN=" + InteropPki.HOST + ", O=rsa1024").keyPair(KeyPairs.rsa(1024)).build();
        // OpenSSL 3.0 refuses to load a 1024-bit key at its default security level 2
        try (OpenSslServer s = server("rsa1024").cert(rsa1024.chainWithoutRoot(), rsa1024.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey())
                .args("-cipher", "DEFAULT:@SECLEVEL=0", "-min_protocol", "TLSv1.2").start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(CERT_KEY_SIZE, FAILED));
            assertThat(check(r, CERT_KEY_SIZE).message())
                    .contains("RSA-1024 certificate: RSA key of 1024 bits is too small: at least 2048 bits required"
                            + " (A00.FR.501-503); issue a certificate with an RSA-2048 or larger key")
                    .contains("EC secp256r1 certificate: EC key on secp256r1 with a 256-bit field (at least 224 required)");
            assertThat(check(r, TLS_VERSION).warnings()).isEmpty();
            assertUpgradeFailsWith200(r, s);
        }
    }

    @Test
    void failsSubjectCnCheckWhenCnNamesAnotherHost() throws IOException {
        IssuedCertificate wrongCn = pki.leaf("CN=other.octt.test").build();
        try (OpenSslServer s = server("wrong-cn").cert(wrongCn.chainWithoutRoot(), wrongCn.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey()).start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(CERT_SUBJECT_CN, FAILED));
            assertThat(check(r, CERT_SUBJECT_CN).message())
                    .contains("RSA-2048 certificate: expected CN=csms.octt.test, seen CN=other.octt.test")
                    .contains("EC secp256r1 certificate: commonName csms.octt.test is the FQDN csms.octt.test");
            assertUpgradeFailsWith200(r, s);
        }
    }

    @Test
    void failsTrustAndSendsNoRequestToAServerWithAnExpiredCertificate() throws IOException {
        IssuedCertificate expired = pki.leaf("CN=" + InteropPki.HOST + ", O=expired")
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
        // without -www, s_server prints every byte a client sends it
        try (OpenSslServer s = server("expired").cert(expired.chainWithoutRoot(), expired.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey()).echo().start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(CERT_TRUST, FAILED, WS_UPGRADE, SKIPPED));
            assertThat(check(r, CERT_TRUST).message())
                    .contains("RSA-2048 certificate: certificate O=expired,CN=csms.octt.test expired: valid until")
                    .contains("a Charge Point must refuse this connection, A00.FR.307/309");
            assertThat(check(r, WS_UPGRADE).message()).startsWith(NOT_ATTEMPTED);
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message()).startsWith("no WebSocket session: " + NOT_ATTEMPTED);
            assertThat(check(r, OCPP_STATUS_NOTIFICATION).message()).startsWith("no WebSocket session: " + NOT_ATTEMPTED);
            assertThat(s.output()).doesNotContainIgnoringCase("GET ", "Authorization");
        }
    }

    @Test
    void echoingServerShowsTheUpgradeRequestItReceivesWhenTheCertificateIsTrusted() throws IOException {
        // the control for the test above: the same s_server mode does print an upgrade request
        try (OpenSslServer s = server("echo").cert(pki.rsa.chainWithoutRoot(), pki.rsa.privateKey()).dcert(pki.ec.chainWithoutRoot(), pki.ec.privateKey()).echo().start()) {
            TestCaseResult r = Tc086Runs.run(pki.profile2(s.address())
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(2))).build());

            assertVerdicts(r, expected());
            assertThat(check(r, WS_UPGRADE).message()).contains("no answer to the WebSocket upgrade");
            // Reactor Netty writes header names in lower case
            assertThat(s.output()).contains("GET /ocpp/CP001 HTTP/1.1", "sec-websocket-protocol: ocpp1.6",
                    "authorization: Basic ");
        }
    }

    @Test
    void failsTrustForACertificateFromAnUntrustedRoot() throws IOException {
        IssuedCertificate otherRoot = CertificateBuilder.create().subject("CN=octt other root")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build();
        IssuedCertificate untrusted = CertificateBuilder.create().subject("CN=" + InteropPki.HOST + ", O=untrusted")
                .dnsNames(InteropPki.HOST).issuer(otherRoot).build();
        IssuedCertificate untrustedEc = CertificateBuilder.create().subject("CN=" + InteropPki.HOST + ", O=untrusted-ec")
                .dnsNames(InteropPki.HOST).keyPair(KeyPairs.ec("secp256r1")).issuer(otherRoot).build();
        try (OpenSslServer s = server("untrusted").cert(untrusted.chainWithoutRoot(), untrusted.privateKey()).dcert(untrustedEc.chainWithoutRoot(), untrustedEc.privateKey()).echo().start()) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(CERT_TRUST, FAILED, WS_UPGRADE, SKIPPED));
            assertThat(check(r, CERT_TRUST).message())
                    .contains("no trust anchor for O=untrusted,CN=csms.octt.test: the server sent only its leaf certificate;"
                            + " its issuer 'CN=octt other root' was not sent and is not among the 1 configured trust anchor(s)"
                            + " (CN=octt interop root): if 'CN=octt other root' is an intermediate CA, the Central System must"
                            + " serve the full chain (leaf and intermediates); if it is a root CA you trust, pass it with --ca-file")
                    .contains("no trust anchor for O=untrusted-ec,CN=csms.octt.test");
            assertThat(check(r, WS_UPGRADE).message()).startsWith(NOT_ATTEMPTED);
            assertThat(s.output()).doesNotContainIgnoringCase("GET ", "Authorization");
        }
    }

    /**
     * The cert.trust message of a server with only an RSA leaf (so the ECDSA suites are refused), and
     * that the untrusted server got no request.
     */
    static String trustFailureOfTheOnlyLeaf(OpenSslServer s) {
        TestCaseResult r = run(s);
        assertVerdicts(r, expected(TLS_CIPHER_SUITES, FAILED, CERT_TRUST, FAILED, WS_UPGRADE, SKIPPED));
        assertThat(check(r, WS_UPGRADE).message()).startsWith(NOT_ATTEMPTED);
        assertThat(s.output()).doesNotContainIgnoringCase("GET ", "Authorization");
        return check(r, CERT_TRUST).message();
    }

    @Test
    void tellsTheOperatorToServeTheFullChainWhenTheServerOmitsItsIntermediate() throws IOException {
        IssuedCertificate intermediate = CertificateBuilder.create().subject("CN=octt interop intermediate")
                .keyPair(KeyPairs.ec("secp256r1")).ca().issuer(pki.root).build();
        IssuedCertificate leaf = CertificateBuilder.create().subject("CN=" + InteropPki.HOST + ", O=no-intermediate")
                .dnsNames(InteropPki.HOST).issuer(intermediate).build();
        try (OpenSslServer s = server("no-intermediate").cert(List.of(leaf.certificate()), leaf.privateKey()).echo().start()) {
            assertThat(trustFailureOfTheOnlyLeaf(s)).isEqualTo("no trust anchor for O=no-intermediate,CN=csms.octt.test:"
                    + " the server sent only its leaf certificate; its issuer 'CN=octt interop intermediate' was not sent"
                    + " and is not among the 1 configured trust anchor(s) (CN=octt interop root): if 'CN=octt interop"
                    + " intermediate' is an intermediate CA, the Central System must serve the full chain (leaf and"
                    + " intermediates); if it is a root CA you trust, pass it with --ca-file (validated against 1 configured"
                    + " Central System root certificate(s); a Charge Point must refuse this connection, A00.FR.307/309)");
        }
        // the control: the same leaf with its intermediate is trusted
        try (OpenSslServer s = server("with-intermediate").cert(leaf.chainWithoutRoot(), leaf.privateKey()).start()) {
            TestCaseResult r = run(s);
            assertThat(check(r, CERT_TRUST).verdict()).isEqualTo(PASSED);
            assertThat(check(r, CERT_TRUST).message()).contains("anchored at CN=octt interop root");
        }
    }

    @Test
    void callsASelfSignedServerCertificateSelfSigned() throws IOException {
        IssuedCertificate selfSigned = CertificateBuilder.create().subject("CN=" + InteropPki.HOST + ", O=self-signed")
                .dnsNames(InteropPki.HOST).build();
        try (OpenSslServer s = server("self-signed").cert(List.of(selfSigned.certificate()), selfSigned.privateKey()).echo().start()) {
            assertThat(trustFailureOfTheOnlyLeaf(s)).isEqualTo("no trust anchor for O=self-signed,CN=csms.octt.test:"
                    + " the server certificate is self-signed (O=self-signed,CN=csms.octt.test) and is not among the 1"
                    + " configured trust anchor(s) (CN=octt interop root): it cannot be trusted unless you pass it with"
                    + " --ca-file, and a Central System should use a CA-issued certificate (validated against 1 configured"
                    + " Central System root certificate(s); a Charge Point must refuse this connection, A00.FR.307/309)");
        }
    }

    @Test
    void namesTheUntrustedRootAChainEndsAt() throws IOException {
        IssuedCertificate otherRoot = CertificateBuilder.create().subject("CN=octt other root")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build();
        IssuedCertificate leaf = CertificateBuilder.create().subject("CN=" + InteropPki.HOST + ", O=root-sent")
                .dnsNames(InteropPki.HOST).issuer(otherRoot).build();
        try (OpenSslServer s = server("root-sent").cert(leaf.chain(), leaf.privateKey()).echo().start()) {
            assertThat(trustFailureOfTheOnlyLeaf(s)).isEqualTo("no trust anchor for O=root-sent,CN=csms.octt.test:"
                    + " the chain ends at 'CN=octt other root', which is not among the 1 configured trust anchor(s)"
                    + " (CN=octt interop root): pass that root with --ca-file if you trust it (validated against 1"
                    + " configured Central System root certificate(s); a Charge Point must refuse this connection,"
                    + " A00.FR.307/309)");
        }
    }
}
