package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Verdict;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.SigningRuns.check;
import static org.octt.security16.SigningRuns.context;
import static org.octt.security16.SigningRuns.run;
import static org.octt.security16.SigningRuns.start;
import static org.octt.security16.SigningRuns.verdicts;
import static org.octt.security16.Tc077TestCase.CERTIFICATE_SIGNED;
import static org.octt.security16.Tc077TestCase.EXTENDED_TRIGGER_MESSAGE;
import static org.octt.security16.Tc077TestCase.SECURITY_EVENT_NOTIFICATION;
import static org.octt.security16.Tc077TestCase.SIGN_CERTIFICATE;

/** TC_077_CSMS against the reference Central System: the pass path and each fail path. */
@Timeout(120)
class Tc077ReferenceCentralSystemTests {

    static final String ID = Tc077TestCase.ID;
    static final List<String> ALL = List.of("ws.upgrade", "ocpp.boot-notification", "ocpp.status-notification",
            EXTENDED_TRIGGER_MESSAGE, SIGN_CERTIFICATE, CERTIFICATE_SIGNED, SECURITY_EVENT_NOTIFICATION);

    static ReferencePki pki;

    @BeforeAll
    static void generatePki() {
        pki = ReferencePki.generate();
    }

    static Map<String, Verdict> expected(Object... idsAndVerdicts) {
        return SigningRuns.expected(ALL, idsAndVerdicts);
    }

    @Test
    void passesRejectingTheSignedCertificateAndReportingTheSecurityEvent() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, CERTIFICATE_SIGNED).message()).startsWith("CertificateSigned.req received with a"
                    + " certificateChain of ").endsWith(" characters, answered Rejected (as the card asks, to provoke the"
                    + " security event)");
            assertThat(check(r, SECURITY_EVENT_NOTIFICATION).message()).isEqualTo("SecurityEventNotification.req"
                    + " InvalidChargePointCertificate answered: SecurityEventNotification.conf valid: {}");
            assertThat(Tc074ReferenceCentralSystemTests.answers(cs, 2)).containsExactly(
                    "[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]", "[3,\"octt-cs-2\",{\"status\":\"Rejected\"}]");
            assertThat(check(r, SECURITY_EVENT_NOTIFICATION).evidence().get("messageLog").toString())
                    .contains("\"SecurityEventNotification\",{\"type\":\"InvalidChargePointCertificate\",\"timestamp\":\"");
            assertThat(cs.handshakes()).hasSize(1);
        }
    }

    @Test
    void failsTheSecurityEventWhenTheCentralSystemAnswersItWithACallError() {
        try (RunningCentralSystem cs = start(pki, Fault.SECURITY_EVENT_NOTIFICATION_ERROR)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(SECURITY_EVENT_NOTIFICATION, FAILED));
            assertThat(check(r, SECURITY_EVENT_NOTIFICATION).message()).isEqualTo("expected SecurityEventNotification.conf"
                    + " to SecurityEventNotification.req InvalidChargePointCertificate, seen: "
                    + "SecurityEventNotification answered with CALLERROR InternalError 'SecurityEventNotification could"
                    + " not be processed' {}; the Central System must answer every security event");
        }
    }

    @Test
    void failsSignCertificateAndSkipsTheRestWhenTheCsrIsRejected() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGN_CERTIFICATE_REJECTED)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(SIGN_CERTIFICATE, FAILED, CERTIFICATE_SIGNED, SKIPPED,
                    SECURITY_EVENT_NOTIFICATION, SKIPPED));
            assertThat(check(r, SECURITY_EVENT_NOTIFICATION).message())
                    .isEqualTo("the Central System did not accept SignCertificate.req, so no CertificateSigned.req is due");
        }
    }

    @Test
    void failsCertificateSignedAndSendsNoSecurityEventWhenNoneFollowsTheAcceptedCsr() {
        try (RunningCentralSystem cs = start(pki, Fault.NO_CERTIFICATE_SIGNED)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CERTIFICATE_SIGNED, FAILED,
                    SECURITY_EVENT_NOTIFICATION, SKIPPED));
            assertThat(check(r, SECURITY_EVENT_NOTIFICATION).message()).isEqualTo("no CertificateSigned.req");
        }
    }
}
