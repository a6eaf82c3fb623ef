package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Verdict;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.ClientCertificateRuns.check;
import static org.octt.security16.ClientCertificateRuns.run;
import static org.octt.security16.ClientCertificateRuns.start;
import static org.octt.security16.ClientCertificateRuns.verdicts;

/** TC_087_CSMS against the reference Central System: the pass path and each fail path. */
@Timeout(90)
class Tc087ReferenceCentralSystemTests {

    static final String ID = Tc087TestCase.ID;
    static final List<String> ALL = List.of("tls.version", "tls.cipher-suites", "tls.client-certificate-requested",
            "ws.upgrade", "ocpp.boot-notification", "ocpp.status-notification");

    static ReferencePki pki;

    @BeforeAll
    static void generatePkiAndWarmUp() {
        pki = ReferencePki.generate();
        try (RunningCentralSystem cs = start(pki)) {
            run(ID, ClientCertificateRuns.profile3(cs).build());
        }
    }

    static Map<String, Verdict> expected(Object... idsAndVerdicts) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        ALL.forEach(id -> m.put(id, PASSED));
        for (int i = 0; i < idsAndVerdicts.length; i += 2) {
            m.put((String) idsAndVerdicts[i], (Verdict) idsAndVerdicts[i + 1]);
        }
        return m;
    }

    @Test
    void passesEveryCheckAgainstTheDefaultsOfProfile3() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, "tls.client-certificate-requested").message()).startsWith(
                    "the server sent a CertificateRequest and ended the handshake in which octt sent no certificate: ")
                    .contains("certificate_required(116)");
            assertThat(check(r, "tls.version").message()).startsWith("negotiated TLSv1.3");
            assertThat(check(r, "ws.upgrade").message()).startsWith("101 Switching Protocols with the client certificate"
                    + " CN=CP001,O=octt, subprotocol ocpp1.6 selected");
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
            assertThat(cs.statusNotificationConnectorIds()).containsExactly(0, 1);
            assertThat(cs.handshakes()).allMatch(h -> h.clientCertificate());
        }
    }

    @Test
    void failsClientCertificateRequestedWhenTheServerNeverAsksForOne() {
        try (RunningCentralSystem cs = start(pki, Fault.CLIENT_CERT_NOT_REQUESTED)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected("tls.client-certificate-requested", FAILED));
            assertThat(r.verdict()).isEqualTo(FAILED);
            assertThat(check(r, "tls.client-certificate-requested").message()).startsWith(
                    "the server sent no CertificateRequest in a handshake offering TLS 1.2 and 1.3 (server accepted TLSv1.3")
                    .endsWith("without asking for a client certificate, security profile 3 is not in force; configure the"
                            + " Central System's TLS server to require client certificates issued by the Charge Points' CA");
        }
    }

    @Test
    void failsCipherSuitesWhenOnlyAnRsaCertificateIsServed() {
        try (RunningCentralSystem cs = start(pki, Fault.RSA_ONLY)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected("tls.cipher-suites", FAILED));
            assertThat(check(r, "tls.cipher-suites").message()).startsWith("2 of the four required cipher suites refused");
        }
    }

    @Test
    void failsCipherSuitesWhenOnlyTls13IsAccepted() {
        try (RunningCentralSystem cs = start(pki, Fault.TLS13_ONLY)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected("tls.cipher-suites", FAILED));
            assertThat(check(r, "tls.cipher-suites").message()).startsWith("4 of the four required cipher suites refused");
        }
    }

    @Test
    void failsUpgradeWhenTheCentralSystemDoesNotTrustTheChargePointsCa() {
        try (RunningCentralSystem cs = org.octt.testkit.ReferenceCentralSystem.builder().pki(pki).securityProfile(3)
                .clientCertificates(org.octt.testkit.ClientCertificatePolicy.required()
                        .acceptingIssuers(pki.rootCertificate())).build().start()) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(check(r, "ws.upgrade").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "ws.upgrade").message()).startsWith("the TLS handshake with the Charge Point's client certificate CN=CP001,O=octt failed: ").contains("unknown_ca").endsWith("; check that the Central System trusts the CA that issued it");
            assertThat(check(r, "ocpp.boot-notification").verdict()).isEqualTo(SKIPPED);
            assertThat(check(r, "tls.cipher-suites").verdict()).isEqualTo(FAILED);
        }
    }

    @Test
    void presentsNoClientCertificateToAServerWhoseCertificateFailsValidation() {
        try (RunningCentralSystem cs = start(pki, Fault.UNTRUSTED)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3(cs).build());

            assertThat(check(r, "tls.version").verdict()).isEqualTo(SKIPPED);
            assertThat(check(r, "tls.version").message()).startsWith("not attempted: the server certificate failed validation (")
                    .endsWith("and the client certificate is never presented to an unverified server; fix the certificate"
                            + " or the configured root (--ca-file), or pass --insecure to go on anyway");
            assertThat(check(r, "tls.client-certificate-requested").verdict()).isEqualTo(PASSED);
            assertThat(check(r, "ws.upgrade").verdict()).isEqualTo(FAILED);
            assertThat(cs.handshakes()).noneMatch(h -> h.clientCertificate());
        }
    }
}
