package org.octt.tc086;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Verdict;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.tc086.CheckIds.CERT_KEY_SIZE;
import static org.octt.tc086.CheckIds.CERT_TRUST;
import static org.octt.tc086.CheckIds.OCPP_BOOT_NOTIFICATION;
import static org.octt.tc086.CheckIds.OCPP_STATUS_NOTIFICATION;
import static org.octt.tc086.CheckIds.TLS_CIPHER_SUITES;
import static org.octt.tc086.CheckIds.TLS_VERSION;
import static org.octt.tc086.CheckIds.WS_UPGRADE;
import static org.octt.tc086.Tc086Runs.check;
import static org.octt.tc086.Tc086Runs.verdicts;

/**
 * TC_086_CSMS, found through discovery, against the Java-OCA-OCPP JSON server
 * (eu.chargetime.ocpp v1_6 1.1.0, OCPP-J 1.0.2, Java-WebSocket 1.5.2) with WSS enabled: a Central
 * System others wrote, for the WebSocket and OCPP checks. Its TLS is the running JDK's (JSSE), so
 * what {@code tls.cipher-suites} reports depends on the JDK: JDK 24 and later disable the
 * TLS_RSA_* suites (jdk.tls.disabledAlgorithms), so such a server cannot accept the two RSA key
 * exchange suites A00.FR.317 requires. The server allows TLS 1.2 only (see
 * {@link JavaOcaOcppServer#start(String, org.octt.tls.pki.IssuedCertificate...)} for why).
 */
@Timeout(60)
class Tc086JavaOcaOcppTests {

    /** Whether the running JDK lets a JSSE server use TLS_RSA_WITH_AES_*_GCM_* (JDK 23 and before). */
    static final boolean JSSE_SERVES_RSA_KEY_EXCHANGE = Runtime.version().feature() < 24;

    static InteropPki pki;

    @BeforeAll
    static void generatePki() {
        pki = InteropPki.generate();
    }

    static TestCaseResult run(JavaOcaOcppServer server) {
        return Tc086Runs.run(pki.profile2(server.address()).build());
    }

    static Map<String, Verdict> expected(Object... idsAndVerdicts) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        Tc086ReferenceCentralSystemTests.ALL.forEach(id -> m.put(id, PASSED));
        for (int i = 0; i < idsAndVerdicts.length; i += 2) {
            m.put((String) idsAndVerdicts[i], (Verdict) idsAndVerdicts[i + 1]);
        }
        return m;
    }

    static void assertVerdicts(TestCaseResult r, Map<String, Verdict> expected) {
        assertThat(verdicts(r)).as("verdict %s, reasons %s", r.verdict(), r.reasons()).containsExactlyEntriesOf(expected);
    }

    /**
     * How tls.cipher-suites reports a suite this JSSE server refuses: Java-WebSocket's
     * SSLSocketChannel2 answers the failed handshake with a buffer of zeros, or closes the
     * connection, instead of JSSE's handshake_failure alert (which one depends on timing).
     */
    static String refusedWithoutAlert(String suite) {
        return suite + ": refused (no alert: csms.octt.test:";
    }

    @Test
    void passesWebSocketAndOcppChecksWithBothCertificates() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            // the server's engines enable TLS_RSA_* exactly on the JDKs this test expects them on
            assertThat(s.enabledCipherSuites().contains("TLS_RSA_WITH_AES_128_GCM_SHA256"))
                    .isEqualTo(JSSE_SERVES_RSA_KEY_EXCHANGE);
            TestCaseResult r = run(s);

            assertVerdicts(r, JSSE_SERVES_RSA_KEY_EXCHANGE ? expected() : expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.2 with TLS_ECDHE_");
            if (JSSE_SERVES_RSA_KEY_EXCHANGE) {
                assertThat(check(r, TLS_CIPHER_SUITES).message())
                        .startsWith("all four required cipher suites are accepted in TLS 1.2");
                assertThat(r.verdict()).isEqualTo(PASSED);
            } else {
                assertThat(check(r, TLS_CIPHER_SUITES).message())
                        .startsWith("2 of the four required cipher suites refused in TLS 1.2: ")
                        .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: accepted",
                                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: accepted")
                        .contains(refusedWithoutAlert("TLS_RSA_WITH_AES_128_GCM_SHA256"),
                                refusedWithoutAlert("TLS_RSA_WITH_AES_256_GCM_SHA384"))
                        .contains("enable AES128-GCM-SHA256 in the server's cipher list",
                                "enable AES256-GCM-SHA384 in the server's cipher list")
                        .doesNotContain("ECDSA certificate beside");
            }
            // the RSA certificate comes only with the TLS_RSA suites: JSSE prefers the EC key otherwise
            assertThat(check(r, CERT_KEY_SIZE).message()).isEqualTo(JSSE_SERVES_RSA_KEY_EXCHANGE
                    ? "EC secp256r1 certificate: EC key on secp256r1 with a 256-bit field (at least 224 required);"
                      + " RSA-2048 certificate: RSA key of 2048 bits (at least 2048 required)"
                    : "EC key on secp256r1 with a 256-bit field (at least 224 required)");
            assertThat(check(r, CERT_TRUST).message()).contains("anchored at CN=octt interop root");
            assertThat(check(r, WS_UPGRADE).message())
                    .startsWith("101 Switching Protocols with Basic auth as CP001, subprotocol ocpp1.6 selected, over TLSv1.2");
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message())
                    .startsWith("BootNotification.conf: status Accepted, interval 300 s, currentTime ");
            assertThat(check(r, OCPP_STATUS_NOTIFICATION).message())
                    .isEqualTo("every StatusNotification.req answered with StatusNotification.conf:"
                            + " connector 0: conf {}; connector 1: conf {}");
            assertThat(s.authentications).containsExactly("accepted CP001 at /ocpp/CP001");
            assertThat(s.bootNotifications).hasValue(1);
            assertThat(s.statusNotificationConnectorIds).containsExactly(0, 1);
        }
    }

    @Test
    void failsCipherSuitesForTheEcdsaSuitesWhenTheServerHasOnlyAnRsaKey() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa)) {
            TestCaseResult r = run(s);

            assertVerdicts(r, expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.2 with TLS_ECDHE_RSA_");
            String suites = check(r, TLS_CIPHER_SUITES).message();
            assertThat(suites)
                    .startsWith((JSSE_SERVES_RSA_KEY_EXCHANGE ? 2 : 4) + " of the four required cipher suites refused in TLS 1.2: ")
                    .contains(refusedWithoutAlert("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                            refusedWithoutAlert("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                    .contains("enable ECDHE-ECDSA-AES128-GCM-SHA256 in the server's cipher list")
                    .endsWith("The ECDSA suites need an ECDSA certificate beside the RSA one (A00.FR.317)");
            if (JSSE_SERVES_RSA_KEY_EXCHANGE) {
                assertThat(suites).contains("TLS_RSA_WITH_AES_128_GCM_SHA256: accepted",
                        "TLS_RSA_WITH_AES_256_GCM_SHA384: accepted");
            } else {
                assertThat(suites).contains(refusedWithoutAlert("TLS_RSA_WITH_AES_128_GCM_SHA256"),
                        refusedWithoutAlert("TLS_RSA_WITH_AES_256_GCM_SHA384"));
            }
            assertThat(check(r, CERT_KEY_SIZE).message()).isEqualTo("RSA key of 2048 bits (at least 2048 required)");
            assertThat(check(r, WS_UPGRADE).message()).startsWith("101 Switching Protocols with Basic auth as CP001");
            assertThat(s.bootNotifications).hasValue(1);
            assertThat(s.statusNotificationConnectorIds).containsExactly(0, 1);
        }
    }

    @Test
    void failsUpgradeWhenTheServerRefusesThePassword() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            TestCaseResult r = Tc086Runs.run(pki.profile2(s.address())
                    .basicAuthPassword(Secret.of("another-password-20o")).build());

            Map<String, Verdict> expected = expected(WS_UPGRADE, FAILED, OCPP_BOOT_NOTIFICATION, SKIPPED,
                    OCPP_STATUS_NOTIFICATION, SKIPPED);
            if (!JSSE_SERVES_RSA_KEY_EXCHANGE) {
                expected.put(TLS_CIPHER_SUITES, FAILED);
            }
            assertVerdicts(r, expected);
            // Java-WebSocket answers every refused handshake with 404, whatever code the
            // AuthenticationException carries (401 here), and without WWW-Authenticate
            assertThat(check(r, WS_UPGRADE).message()).isEqualTo("the server answered the WebSocket upgrade at "
                    + InteropPki.url(s.port()) + " with 404 WebSocket Upgrade Failure instead of 101 Switching Protocols");
            assertThat(check(r, WS_UPGRADE).evidence()).containsEntry("status", 404).doesNotContainKey("wwwAuthenticate");
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message())
                    .isEqualTo("no WebSocket session: " + check(r, WS_UPGRADE).message());
            assertThat(check(r, OCPP_STATUS_NOTIFICATION).message())
                    .isEqualTo("no WebSocket session: " + check(r, WS_UPGRADE).message());
            assertThat(s.authentications).containsExactly("refused CP001 at /ocpp/CP001");
            assertThat(s.sessions).hasValue(0);
            assertThat(s.bootNotifications).hasValue(0);
        }
    }
}
