package org.octt.tc086;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.tc086.CheckIds.CERT_KEY_SIZE;
import static org.octt.tc086.CheckIds.CERT_SERIAL_NUMBER;
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
 * TC_086_CSMS, found through discovery, against the reference Central System: the pass path of
 * every check, and each fault the reference Central System can switch on, with the verdict of every
 * check and the reason of the failing ones.
 */
@Timeout(60)
class Tc086ReferenceCentralSystemTests {

    static final List<String> ALL = List.of(TLS_VERSION, TLS_CIPHER_SUITES, CERT_KEY_SIZE, CERT_X509_PEM,
            CERT_SERIAL_NUMBER, CERT_SUBJECT_CN, CERT_TRUST, WS_UPGRADE, OCPP_BOOT_NOTIFICATION, OCPP_STATUS_NOTIFICATION);

    static ReferencePki pki;

    @BeforeAll
    static void generatePkiAndWarmUp() {
        pki = ReferencePki.generate();
        // the first run in a cold JVM on a loaded 2-core machine can exceed the 2 s network timeout of
        // its first handshake, which would make whichever test runs first INCONCLUSIVE: warm up first
        try (RunningCentralSystem cs = start()) {
            runProfile2(cs);
        }
    }

    static RunningCentralSystem start(Fault... faults) {
        EnumSet<Fault> set = EnumSet.noneOf(Fault.class);
        set.addAll(List.of(faults));
        return ReferenceCentralSystem.builder().pki(pki).faults(set).build().start();
    }

    /** Every check PASSED but those named, which have the given verdicts. */
    static Map<String, Verdict> expected(Object... idsAndVerdicts) {
        Map<String, Verdict> m = new java.util.LinkedHashMap<>();
        ALL.forEach(id -> m.put(id, PASSED));
        for (int i = 0; i < idsAndVerdicts.length; i += 2) {
            m.put((String) idsAndVerdicts[i], (Verdict) idsAndVerdicts[i + 1]);
        }
        return m;
    }

    static TestCaseResult runProfile2(RunningCentralSystem cs) {
        return Tc086Runs.run(Tc086Runs.profile2(cs).build());
    }

    @Test
    void passesEveryCheckWithProfile2() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(r.reasons()).isEmpty();
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.3");
            assertThat(check(r, TLS_VERSION).warnings()).isEmpty();
            assertThat(check(r, CERT_KEY_SIZE).message()).contains("RSA", "2048 bits").contains("EC key on secp256r1");
            assertThat(check(r, CERT_X509_PEM).evidence().toString()).contains("-----BEGIN CERTIFICATE-----");
            assertThat(check(r, WS_UPGRADE).message()).contains("101", "ocpp1.6", "Basic auth as CP001");
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
            assertThat(cs.statusNotificationConnectorIds()).containsExactly(0, 1);
        }
    }

    @Test
    void theX509CheckCarriesIssuerValidityAndBothFingerprintsOfEachLeafForTheReports() throws Exception {
        try (RunningCentralSystem cs = start()) {
            CheckResult pem = check(runProfile2(cs), CERT_X509_PEM);

            assertThat(pem.verdict()).isEqualTo(PASSED);
            assertThat(pem.message().split("; ")).containsExactlyInAnyOrder(
                    "RSA-2048 certificate: parses as X.509 and round-trips through PEM",
                    "EC secp256r1 certificate: parses as X.509 and round-trips through PEM");
            List<?> certificates = (List<?>) pem.evidence().get("certificates");
            assertThat(certificates).hasSize(2);
            for (Object o : certificates) {
                Map<?, ?> cert = (Map<?, ?>) o;
                X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(((String) cert.get("pem")).getBytes(StandardCharsets.US_ASCII)));
                assertThat(cert.get("issuer")).isEqualTo(pki.rootCertificate().getSubjectX500Principal().getName());
                assertThat(cert.get("notBefore")).isEqualTo(x509.getNotBefore().toInstant().toString());
                assertThat(cert.get("notAfter")).isEqualTo(x509.getNotAfter().toInstant().toString());
                assertThat(cert.get("sha1")).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(x509.getEncoded())));
                assertThat(cert.get("sha256")).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(x509.getEncoded())));
            }
        }
    }

    @Test
    void passesEveryCheckWithProfile3ClientCertificate() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).securityProfile(3).build().start()) {
            TestCaseResult r = Tc086Runs.run(Tc086Runs.profile3(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(check(r, WS_UPGRADE).message()).contains("client certificate");
            assertThat(cs.handshakes()).anyMatch(h -> h.clientCertificate());
        }
    }

    @Test
    void sendsStatusNotificationForEveryConfiguredConnector() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = Tc086Runs.run(Tc086Runs.profile2(cs).option("ocpp.connectors", "3").build());

            assertThat(check(r, OCPP_STATUS_NOTIFICATION).verdict()).isEqualTo(PASSED);
            assertThat(cs.statusNotificationConnectorIds()).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void failsCipherSuitesWhenOnlyAnRsaCertificateIsServed() {
        try (RunningCentralSystem cs = start(Fault.RSA_ONLY)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(r.verdict()).isEqualTo(FAILED);
            assertThat(check(r, TLS_CIPHER_SUITES).message())
                    .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: refused (handshake_failure(40))")
                    .contains("enable ECDHE-ECDSA-AES128-GCM-SHA256")
                    .contains("need an ECDSA certificate beside the RSA one");
            assertThat(r.reasons()).anyMatch(line -> line.startsWith("tls.cipher-suites: 2 of the four"));
        }
    }

    @Test
    void failsCipherSuitesWhenRsaKeyExchangeSuitesAreDisabled() {
        try (RunningCentralSystem cs = start(Fault.NO_RSA_KX_SUITES)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(check(r, TLS_CIPHER_SUITES).message())
                    .contains("TLS_RSA_WITH_AES_128_GCM_SHA256: refused").contains("enable AES128-GCM-SHA256")
                    .contains("TLS_RSA_WITH_AES_256_GCM_SHA384: refused").contains("enable AES256-GCM-SHA384")
                    .doesNotContain("ECDSA certificate beside");
        }
    }

    @Test
    void failsCipherSuitesButNotVersionWhenOnlyTls13IsAccepted() {
        try (RunningCentralSystem cs = start(Fault.TLS13_ONLY)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(TLS_CIPHER_SUITES, FAILED));
            assertThat(check(r, TLS_VERSION).message()).startsWith("negotiated TLSv1.3");
            assertThat(check(r, TLS_CIPHER_SUITES).message()).startsWith("4 of the four required cipher suites refused")
                    .contains("refused (protocol_version(70)); the server refuses TLS 1.2 itself: enable TLS 1.2 and AES128-GCM-SHA256")
                    .doesNotContain("ECDSA certificate beside");
        }
    }

    @Test
    void warnsButPassesWhenLegacyTlsIsAlsoAccepted() {
        try (RunningCentralSystem cs = start(Fault.LEGACY_TLS)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(check(r, TLS_VERSION).warnings()).singleElement().asString()
                    .startsWith("also accepts TLSv1 and TLSv1.1").contains("A00.FR.312");
        }
    }

    @Test
    void failsKeySizeCheckForRsa1024Certificate() {
        try (RunningCentralSystem cs = start(Fault.RSA_1024)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsEntry(CERT_KEY_SIZE, FAILED).containsEntry(TLS_CIPHER_SUITES, PASSED);
            assertThat(check(r, CERT_KEY_SIZE).message())
                    .contains("RSA-1024 certificate: RSA key of 1024 bits is too small: at least 2048 bits required")
                    .contains("EC key on secp256r1 with a 256-bit field (at least 224 required)");
        }
    }

    @Test
    void failsKeySizeCheckForP192Certificate() {
        try (RunningCentralSystem cs = start(Fault.EC_P192)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsEntry(CERT_KEY_SIZE, FAILED).containsEntry(TLS_CIPHER_SUITES, PASSED);
            assertThat(check(r, CERT_KEY_SIZE).message()).contains("EC key on secp192r1 with a 192-bit field is too small");
        }
    }

    @Test
    void failsSubjectCnCheckWhenCnNamesAnotherHost() {
        try (RunningCentralSystem cs = start(Fault.CN_MISMATCH)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CERT_SUBJECT_CN, FAILED));
            assertThat(check(r, CERT_SUBJECT_CN).message()).contains("csms.octt.test");
            assertThat(r.reasons()).anyMatch(line -> line.startsWith("cert.subject-cn: "));
        }
    }

    @Test
    void failsSubjectCnCheckForWildcardCn() {
        try (RunningCentralSystem cs = start(Fault.CN_WILDCARD)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CERT_SUBJECT_CN, FAILED));
            assertThat(check(r, CERT_SUBJECT_CN).message()).containsIgnoringCase("wildcard").contains("*.octt.test");
        }
    }

    @Test
    void failsSubjectCnCheckWhenSubjectHasNoCn() {
        try (RunningCentralSystem cs = start(Fault.NO_CN)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CERT_SUBJECT_CN, FAILED));
            assertThat(check(r, CERT_SUBJECT_CN).message()).contains("expected CN=csms.octt.test, seen no CN in the subject");
        }
    }

    @Test
    void warnsOnSubjectAltNameLackingTheFqdnAndFailsTheConnectionAsAClientWould() {
        try (RunningCentralSystem cs = start(Fault.SAN_MISMATCH)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(WS_UPGRADE, FAILED,
                    OCPP_BOOT_NOTIFICATION, SKIPPED, OCPP_STATUS_NOTIFICATION, SKIPPED));
            assertThat(check(r, CERT_SUBJECT_CN).warnings()).isNotEmpty()
                    .allSatisfy(w -> assertThat(w).contains("subjectAltName"));
            assertThat(check(r, WS_UPGRADE).message()).contains("does not name the host csms.octt.test");
        }
    }

    @Test
    void failsTrustAndSendsNoCredentialsToAnUntrustedServer() {
        for (Fault fault : List.of(Fault.UNTRUSTED, Fault.EXPIRED, Fault.NOT_YET_VALID)) {
            try (RunningCentralSystem cs = start(fault)) {
                TestCaseResult r = runProfile2(cs);

                assertThat(verdicts(r)).as(fault.id()).containsExactlyEntriesOf(expected(CERT_TRUST, FAILED,
                        WS_UPGRADE, SKIPPED, OCPP_BOOT_NOTIFICATION, SKIPPED, OCPP_STATUS_NOTIFICATION, SKIPPED));
                assertThat(check(r, WS_UPGRADE).message()).contains("credentials are never sent", "--insecure");
                assertThat(cs.anyRequestReceived()).as(fault.id()).isFalse();
                assertThat(cs.authorizationHeaders()).as(fault.id()).isEmpty();
            }
        }
    }

    @Test
    void namesTheTrustFailureReason() {
        try (RunningCentralSystem cs = start(Fault.EXPIRED)) {
            assertThat(check(runProfile2(cs), CERT_TRUST).message()).containsIgnoringCase("expired");
        }
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            assertThat(check(runProfile2(cs), CERT_TRUST).message()).containsIgnoringCase("issuer");
        }
    }

    @Test
    void connectsToAnUntrustedServerOnlyWithInsecureAndSaysSo() {
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            TestCaseResult r = Tc086Runs.run(Tc086Runs.profile2(cs).insecure(true).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CERT_TRUST, FAILED));
            assertThat(r.insecure()).isTrue();
            assertThat(check(r, WS_UPGRADE).warnings()).singleElement().asString().contains("--insecure");
            assertThat(cs.authorizationHeaders()).containsOnly(true);
        }
    }

    /** The failed checks as id to verdict and message, in report order. */
    static Map<String, String> failures(TestCaseResult r) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        r.checks().stream().filter(c -> c.verdict() == FAILED).forEach(c -> m.put(c.id(), c.message()));
        return m;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Fault.class, names = {"SAN_MISMATCH", "CN_MISMATCH", "UNTRUSTED"})
    void insecureChangesOnlyWhetherCredentialsAreSentNeverTheVerdictOrTheReasons(Fault fault) {
        try (RunningCentralSystem secure = start(fault); RunningCentralSystem insecure = start(fault)) {
            TestCaseResult without = runProfile2(secure);
            TestCaseResult with = Tc086Runs.run(Tc086Runs.profile2(insecure).insecure(true).build());

            assertThat(with.verdict()).isEqualTo(without.verdict()).isEqualTo(FAILED);
            assertThat(failures(with)).isNotEmpty().isEqualTo(failures(without));
            // the messages name the port, which differs between the two servers
            assertThat(with.reasons().toString().replace(String.valueOf(insecure.port()), "PORT"))
                    .isEqualTo(without.reasons().toString().replace(String.valueOf(secure.port()), "PORT"));
            assertThat(with.insecure()).isTrue();
            assertThat(without.insecure()).isFalse();
            assertThat(insecure.authorizationHeaders()).containsOnly(true);
        }
    }

    @Test
    void failsTheUpgradeForACertificateNotNamingTheHostAlsoWithInsecureAndRecordsTheCredentialsSent() {
        String reason = "the server certificate was rejected for the secured WebSocket: the server certificate does not"
                + " name the host csms.octt.test: it names subjectAltName [other-csms.octt.test]; a Charge Point must"
                + " refuse this connection (A00.FR.309/310)";
        try (RunningCentralSystem cs = start(Fault.SAN_MISMATCH)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(check(r, WS_UPGRADE).message()).isEqualTo(reason);
            assertThat(check(r, WS_UPGRADE).warnings()).isEmpty();
            assertThat(check(r, WS_UPGRADE).evidence()).containsEntry("credentialsSent", false);
            assertThat(cs.anyRequestReceived()).isFalse();
        }
        try (RunningCentralSystem cs = start(Fault.SAN_MISMATCH)) {
            TestCaseResult r = Tc086Runs.run(Tc086Runs.profile2(cs).insecure(true).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(WS_UPGRADE, FAILED));
            assertThat(check(r, WS_UPGRADE).message()).isEqualTo(reason);
            assertThat(check(r, WS_UPGRADE).warnings()).singleElement().asString()
                    .startsWith("connected anyway because of --insecure, and sent the credentials (Basic auth as CP001): ");
            assertThat(check(r, WS_UPGRADE).evidence()).containsEntry("credentialsSent", true);
            assertThat(r.reasons()).containsExactly("ws.upgrade: " + reason);
            assertThat(cs.authorizationHeaders()).containsOnly(true);
        }
    }

    @Test
    void warnsOnZeroSerialNumber() {
        try (RunningCentralSystem cs = start(Fault.ZERO_SERIAL)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsEntry(CERT_SERIAL_NUMBER, PASSED);
            assertThat(check(r, CERT_SERIAL_NUMBER).warnings()).isNotEmpty()
                    .allSatisfy(w -> assertThat(w).contains("serial number is zero"));
        }
    }

    @Test
    void failsUpgradeOnWrongPasswordWithStatusAndChallenge() {
        try (RunningCentralSystem cs = start(Fault.WRONG_PASSWORD)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(WS_UPGRADE, FAILED,
                    OCPP_BOOT_NOTIFICATION, SKIPPED, OCPP_STATUS_NOTIFICATION, SKIPPED));
            assertThat(check(r, WS_UPGRADE).message()).contains("401").contains("check the Charge Point's password");
            assertThat(check(r, WS_UPGRADE).evidence()).containsEntry("wwwAuthenticate", "Basic realm=\"octt\"");
            assertThat(r.toString()).doesNotContain(cs.chargePointPasswordAsString());
        }
    }

    @Test
    void failsUpgradeWhenNoSubprotocolIsSelected() {
        try (RunningCentralSystem cs = start(Fault.NO_SUBPROTOCOL)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsEntry(WS_UPGRADE, FAILED);
            assertThat(check(r, WS_UPGRADE).message()).contains("no subprotocol", "ocpp1.6");
        }
    }

    @Test
    void failsBootNotificationWhenRejectedAndSendsNoStatusNotification() {
        try (RunningCentralSystem cs = start(Fault.BOOT_REJECTED)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(OCPP_BOOT_NOTIFICATION, FAILED,
                    OCPP_STATUS_NOTIFICATION, SKIPPED));
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message()).contains("status is Rejected, expected Accepted");
            assertThat(cs.statusNotificationConnectorIds()).isEmpty();
        }
    }

    @Test
    void failsBootNotificationNamingTheInvalidFields() {
        try (RunningCentralSystem cs = start(Fault.BOOT_INVALID)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsEntry(OCPP_BOOT_NOTIFICATION, FAILED);
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message()).contains("currentTime", "interval");
        }
    }

    @Test
    void failsBootNotificationWhenTheCentralSystemNeverAnswers() {
        try (RunningCentralSystem cs = start(Fault.NO_ANSWER)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(OCPP_BOOT_NOTIFICATION, FAILED,
                    OCPP_STATUS_NOTIFICATION, SKIPPED));
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message()).contains("expected BootNotification.conf");
        }
    }

    @Test
    void answersTheCentralSystemsCallSentBeforeBootNotificationConfAndPasses() {
        try (RunningCentralSystem cs = start(Fault.SENDS_CALL_FIRST)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            String answer = "[3,\"octt-cs-1\",{\"configurationKey\":[{\"key\":\"SecurityProfile\",\"readonly\":true,"
                    + "\"value\":\"2\"}]}]";
            assertThat(cs.traffic().answersToCentralSystemCalls()).containsExactly(answer);
            CheckResult boot = check(r, OCPP_BOOT_NOTIFICATION);
            assertThat(boot.message()).endsWith("(meanwhile the Central System sent 1 CALL(s), each answered at once:"
                    + " GetConfiguration answered with CALLRESULT {\"configurationKey\":[{\"key\":\"SecurityProfile\","
                    + "\"readonly\":true,\"value\":\"2\"}]})");
            assertThat(boot.evidence().get("centralSystemCalls")).isEqualTo(List.of(Map.of("action", "GetConfiguration",
                    "received", "[2,\"octt-cs-1\",\"GetConfiguration\",{}]", "answered", answer)));
            assertThat(check(r, OCPP_STATUS_NOTIFICATION).evidence()).doesNotContainKey("centralSystemCalls");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void carriesTheMessageLogOfEachPartIntoTheEvidenceOfItsCheckWithCredentialsRedacted() {
        try (RunningCentralSystem cs = start(Fault.SENDS_CALL_FIRST)) {
            TestCaseResult r = runProfile2(cs);

            List<Map<String, Object>> upgrade = (List<Map<String, Object>>) check(r, WS_UPGRADE).evidence().get("messageLog");
            assertThat(upgrade).extracting(e -> e.get("dir")).containsExactly("SENT", "RECEIVED");
            assertThat((String) upgrade.get(0).get("frame")).startsWith("GET /ocpp/CP001 HTTP/1.1")
                    .contains("Authorization: Basic **** (user CP001)");
            assertThat(upgrade.get(1).get("frame")).isEqualTo("HTTP/1.1 101 Switching Protocols\nsec-websocket-protocol: ocpp1.6");
            List<Map<String, Object>> boot = (List<Map<String, Object>>) check(r, OCPP_BOOT_NOTIFICATION).evidence()
                    .get("messageLog");
            assertThat(boot).extracting(e -> e.get("dir")).containsExactly("SENT", "RECEIVED", "SENT", "RECEIVED");
            assertThat(boot).extracting(e -> (String) e.get("frame")).satisfiesExactly(
                    f -> assertThat(f).contains("\"BootNotification\""),
                    f -> assertThat(f).isEqualTo("[2,\"octt-cs-1\",\"GetConfiguration\",{}]"),
                    f -> assertThat(f).startsWith("[3,\"octt-cs-1\""),
                    f -> assertThat(f).contains("\"status\":\"Accepted\""));
            List<Map<String, Object>> status = (List<Map<String, Object>>) check(r, OCPP_STATUS_NOTIFICATION).evidence()
                    .get("messageLog");
            assertThat(status).hasSize(4).allSatisfy(e -> assertThat(e).containsKeys("dir", "time", "frame"));
            assertThat(r.toString()).doesNotContain(cs.chargePointPasswordAsString());
        }
    }

    @Test
    void sendsNoBootNotificationThatBreaksItsSchemaAndSaysWhichOptionToFix() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = Tc086Runs.run(Tc086Runs.profile2(cs).option("ocpp.vendor", "V".repeat(21)).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(OCPP_BOOT_NOTIFICATION, INCONCLUSIVE,
                    OCPP_STATUS_NOTIFICATION, SKIPPED));
            assertThat(check(r, OCPP_BOOT_NOTIFICATION).message()).isEqualTo("not sent: octt would send an invalid"
                    + " BootNotification.req: /chargePointVendor: a string of 21 characters, more than maxLength 20:"
                    + " \"VVVVVVVVVVVVVVVVVVVVV\" (check the options ocpp.vendor"
                    + " and ocpp.model)");
            assertThat(cs.bootNotificationCount()).isZero();
        }
    }

    @Test
    void answersTheCentralSystemsCallWithTheTestCasesOwnResponder() {
        try (RunningCentralSystem cs = start(Fault.SENDS_CALL_FIRST)) {
            var testCase = new Tc086TestCase(context -> call -> call.action().equals("GetConfiguration")
                    ? org.octt.ocpp.j.CallAnswer.error("InternalError", "configuration unavailable")
                    : SecuredWebSocketStep.defaultResponder(context).answer(call));
            TestCaseResult r = org.octt.core.Octt.builder().testCase(testCase).target(Tc086Runs.profile2(cs).build())
                    .build().result().block(java.time.Duration.ofSeconds(60)).testCases().get(0);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(cs.traffic().answersToCentralSystemCalls())
                    .containsExactly("[4,\"octt-cs-1\",\"InternalError\",\"configuration unavailable\",{}]");
        }
    }

    @Test
    void failsStatusNotificationOnCallError() {
        try (RunningCentralSystem cs = start(Fault.STATUS_NOTIFICATION_ERROR)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(OCPP_STATUS_NOTIFICATION, FAILED));
            assertThat(check(r, OCPP_STATUS_NOTIFICATION).message()).contains("connector 0", "CALLERROR");
        }
    }

    @Test
    void isInconclusiveAfterOneTimeoutWhenTheServerNeverAnswersTheClientHello() {
        try (RunningCentralSystem cs = start(Fault.NO_TLS_ANSWER)) {
            long start = System.nanoTime();
            TestCaseResult r = runProfile2(cs);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
            // every check of the card is listed: the handshake checks not evaluated, the later ones not run
            assertThat(r.checks()).extracting(c -> c.verdict()).containsExactly(INCONCLUSIVE, INCONCLUSIVE,
                    SKIPPED, SKIPPED, SKIPPED, SKIPPED, SKIPPED, SKIPPED, SKIPPED, SKIPPED);
            assertThat(r.steps()).extracting(s -> s.verdict()).containsExactly(INCONCLUSIVE, SKIPPED, SKIPPED);
            assertThat(r.reasons()).singleElement().asString().contains("cannot carry out the TLS handshakes", "no answer", "to the ClientHello within 2s");
            // one network timeout (2 s), not one per probe (7 probes)
            assertThat(millis).isLessThan(Tc086Runs.NETWORK_TIMEOUT.toMillis() * 3);
        }
    }

    @Test
    void isInconclusiveWhenTheServerDoesNotSpeakTls() {
        try (RunningCentralSystem cs = start(Fault.NOT_TLS)) {
            TestCaseResult r = runProfile2(cs);

            assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(r.reasons()).singleElement().asString().contains("cannot carry out the TLS handshakes", "not TLS").containsIgnoringCase("HTTP");
        }
    }

    @Test
    void isInconclusiveAtOnceWhenTheConnectionIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TestContext context = TestContext.builder(Target.of(URI.create("wss://csms.octt.test:" + port + "/ocpp/CP001"))
                        .withConnectAddress(new InetSocketAddress("127.0.0.1", port)))
                .basicAuthPassword(org.octt.core.spi.Secret.of("0123456789abcdef")).build();

        TestCaseResult r = Tc086Runs.run(context);

        assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(r.reasons()).singleElement().asString().containsIgnoringCase("refused");
        assertThat(r.steps().get(1).reason()).contains("not run", "tls-handshakes");
        assertThat(r.duration()).isLessThan(java.time.Duration.ofSeconds(2));
    }

    @Test
    void reportsEveryReasonWhenSeveralValidationsFail() {
        try (RunningCentralSystem cs = start(Fault.RSA_ONLY, Fault.CN_MISMATCH, Fault.ZERO_SERIAL)) {
            TestCaseResult r = runProfile2(cs);

            List<String> failed = new ArrayList<>();
            for (CheckResult c : r.checks()) {
                if (c.verdict() == FAILED) {
                    failed.add(c.id());
                }
            }
            assertThat(failed).containsExactly(TLS_CIPHER_SUITES, CERT_SUBJECT_CN);
            assertThat(r.reasons()).hasSize(2);
            // validations failed, yet the later steps still ran
            assertThat(check(r, OCPP_STATUS_NOTIFICATION).verdict()).isEqualTo(PASSED);
        }
    }
}
