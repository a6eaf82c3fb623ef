package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.ClientCertificateRuns.check;
import static org.octt.security16.ClientCertificateRuns.run;
import static org.octt.security16.ClientCertificateRuns.start;
import static org.octt.security16.ClientCertificateRuns.verdicts;

/** X_TLS_CLIENT_CERT_INVALID_CSMS against the reference Central System: the pass path and each fail path. */
@Timeout(90)
class InvalidClientCertificateReferenceCentralSystemTests {

    static final String ID = InvalidClientCertificateTestCase.ID;
    static final String UNTRUSTED = "tls.untrusted-client-certificate-refused";
    static final String EXPIRED = "tls.expired-client-certificate-refused";
    static final String WRONG_CN = "tls.wrong-cn-client-certificate-refused";

    static ReferencePki pki;

    @BeforeAll
    static void generatePkiAndWarmUp() {
        pki = ReferencePki.generate();
        try (RunningCentralSystem cs = start(pki)) {
            run(ID, ClientCertificateRuns.profile3(cs).build());
        }
    }

    /** The four checks' verdicts in report order. */
    static Map<String, org.octt.core.spi.Verdict> verdictsInOrder(org.octt.core.spi.Verdict untrusted,
            String expiredId, org.octt.core.spi.Verdict expired, String wrongCnId, org.octt.core.spi.Verdict wrongCn,
            String upgradeId, org.octt.core.spi.Verdict upgrade) {
        Map<String, org.octt.core.spi.Verdict> m = new java.util.LinkedHashMap<>();
        m.put(UNTRUSTED, untrusted);
        m.put(expiredId, expired);
        m.put(wrongCnId, wrongCn);
        m.put(upgradeId, upgrade);
        return m;
    }

    @Test
    void passesEveryCheckWithTheChargePointCaAgainstTheDefaultsOfProfile3() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3WithCa(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(verdictsInOrder(PASSED, EXPIRED, PASSED, WRONG_CN, PASSED,
                    "ws.upgrade", PASSED));
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, UNTRUSTED).message()).startsWith("refused in the TLS handshake (")
                    .contains("unknown_ca")
                    .contains("when octt presented a self-signed client certificate with the real one's subject:"
                            + " CN=CP001,O=octt issued by CN=CP001,O=octt, valid ");
            assertThat(check(r, EXPIRED).message()).startsWith("refused in the TLS handshake (").contains("certificate_expired")
                    .contains("an expired client certificate (expired yesterday): CN=CP001,O=octt issued by"
                            + " CN=octt reference client CA,O=octt");
            assertThat(check(r, WRONG_CN).message()).startsWith("refused: the Central System answered the upgrade with"
                    + " HTTP 403 Forbidden when octt presented a client certificate whose CN is another Charge Point's"
                    + " (CP001-OTHER, not the ChargePointId CP001): CN=CP001-OTHER,O=octt issued by CN=octt reference client CA");
            @SuppressWarnings("unchecked")
            Map<String, Object> sent = (Map<String, Object>) check(r, EXPIRED).evidence().get("sent");
            assertThat(sent).containsOnlyKeys("subject", "issuer", "notBefore", "notAfter", "serialNumber");
            assertThat(check(r, EXPIRED).evidence().toString()).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void skipsExpiredAndWrongCnWithTheReasonWithoutTheChargePointCa() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(verdictsInOrder(PASSED, EXPIRED, SKIPPED, WRONG_CN, SKIPPED,
                    "ws.upgrade", PASSED));
            String reason = "not attempted: this check needs the CA that issues the Charge Point certificates, to issue"
                    + " one the Central System would otherwise trust; pass --client-ca-cert FILE --client-ca-key FILE";
            assertThat(check(r, EXPIRED).message()).isEqualTo(reason);
            assertThat(check(r, WRONG_CN).message()).isEqualTo(reason);
        }
    }

    /** Also proves the self-signed certificate was presented although the server names only its own CA. */
    @Test
    void failsUntrustedWhenAnyClientCertificateIsAccepted() {
        try (RunningCentralSystem cs = start(pki, Fault.ANY_CLIENT_CERT_ACCEPTED)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            CheckResult untrusted = check(r, UNTRUSTED);
            assertThat(untrusted.verdict()).isEqualTo(FAILED);
            assertThat(untrusted.message()).startsWith("the Central System upgraded the connection (101 Switching"
                    + " Protocols over TLSv1.3) although octt presented a self-signed client certificate with the real"
                    + " one's subject: CN=CP001,O=octt issued by CN=CP001,O=octt").endsWith("; it must end such a connection"
                    + " in the TLS handshake or refuse the upgrade (A00.FR.403/405/407)");
            assertThat(check(r, "ws.upgrade").verdict()).isEqualTo(PASSED);
            assertThat(r.verdict()).isEqualTo(FAILED);
        }
    }

    @Test
    void failsUntrustedWhenNoClientCertificateIsRequested() {
        try (RunningCentralSystem cs = start(pki, Fault.CLIENT_CERT_NOT_REQUESTED)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(check(r, UNTRUSTED).verdict()).isEqualTo(FAILED);
            assertThat(check(r, UNTRUSTED).message()).startsWith("the Central System upgraded the connection");
        }
    }

    @Test
    void failsExpiredWhenAnExpiredClientCertificateIsAccepted() {
        try (RunningCentralSystem cs = start(pki, Fault.EXPIRED_CLIENT_CERT_ACCEPTED)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3WithCa(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(verdictsInOrder(PASSED, EXPIRED, FAILED, WRONG_CN, PASSED,
                    "ws.upgrade", PASSED));
            assertThat(check(r, EXPIRED).message()).startsWith("the Central System upgraded the connection (101 Switching"
                    + " Protocols over TLSv1.3) although octt presented an expired client certificate (expired yesterday):"
                    + " CN=CP001,O=octt issued by CN=octt reference client CA,O=octt");
        }
    }

    @Test
    void failsWrongCnWhenAnotherChargePointsCertificateIsAccepted() {
        try (RunningCentralSystem cs = start(pki, Fault.WRONG_CN_CLIENT_CERT_ACCEPTED)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3WithCa(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(verdictsInOrder(PASSED, EXPIRED, PASSED, WRONG_CN, FAILED,
                    "ws.upgrade", PASSED));
            assertThat(check(r, WRONG_CN).message()).startsWith("the Central System upgraded the connection (101 Switching"
                    + " Protocols over TLSv1.3) although octt presented a client certificate whose CN is another Charge"
                    + " Point's (CP001-OTHER, not the ChargePointId CP001): CN=CP001-OTHER,O=octt");
        }
    }
}
