package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.testkit.SubprotocolPolicy;
import org.octt.tls.pki.IssuedCertificate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.profile2;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;
import static org.octt.security16.Tc088TestCase.SELECTED;
import static org.octt.security16.Tc088TestCase.UNKNOWN_REFUSED;

/** TC_088_CSMS against the reference Central System: the pass path and each fail path, with the reason. */
@Timeout(60)
class Tc088ReferenceCentralSystemTests {

    static ReferencePki pki;

    @BeforeAll
    static void generatePkiAndWarmUp() {
        pki = ReferencePki.generate();
        try (RunningCentralSystem cs = start()) {
            run(Tc088TestCase.ID, profile2(cs).build());
        }
    }

    static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(pki).faults(faults).build().start();
    }

    @Test
    void passesWhenTheCentralSystemUpgradesWithoutASubprotocolAndClosesAtOnceThenSelectsOcpp16() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc088TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(entry(UNKNOWN_REFUSED, PASSED), entry(SELECTED, PASSED));
            assertThat(check(r, UNKNOWN_REFUSED).message()).isEqualTo("the upgrade offering only ocpp0.1 was refused"
                    + " as OCPP-J prescribes: 101 without Sec-WebSocket-Protocol, then the Central System closed the"
                    + " WebSocket at once (close 1002 no supported subprotocol offered; this Central System speaks ocpp1.6)");
            assertThat(check(r, SELECTED).message()).startsWith("101 Switching Protocols with Basic auth as CP001"
                    + " offering ocpp0.1,ocpp1.6, subprotocol ocpp1.6 selected, over TLSv1.");
            assertThat(check(r, UNKNOWN_REFUSED).evidence().get("messageLog").toString())
                    .contains("Sec-WebSocket-Protocol: ocpp0.1").doesNotContain(cs.chargePointPasswordAsString());
        }
    }

    @Test
    void passesWhenTheCentralSystemRefusesTheUnknownOfferWith400() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki)
                .subprotocols(SubprotocolPolicy.ocpp16().refusingUnacceptable()).build().start()) {
            TestCaseResult r = run(Tc088TestCase.ID, profile2(cs).build());

            CheckResult unknown = check(r, UNKNOWN_REFUSED);
            assertThat(unknown.verdict()).isEqualTo(PASSED);
            assertThat(unknown.message()).isEqualTo("the upgrade offering only ocpp0.1 was refused: HTTP 400 Bad Request");
            assertThat(unknown.warnings()).isEmpty();
        }
    }

    @Test
    void failsWhenTheSessionIsKeptOpenWithoutASubprotocol() {
        try (RunningCentralSystem cs = start(Fault.UNKNOWN_SUBPROTOCOL_KEPT)) {
            TestCaseResult r = run(Tc088TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(entry(UNKNOWN_REFUSED, FAILED), entry(SELECTED, PASSED));
            assertThat(check(r, UNKNOWN_REFUSED).message()).isEqualTo("expected no WebSocket for an offer of only"
                    + " ocpp0.1 (a 4xx, or 101 without Sec-WebSocket-Protocol and an immediate close), seen 101 without"
                    + " a subprotocol and a session still open after 2s; change the Central System to close the"
                    + " WebSocket at once when it agrees to none of the offered subprotocols (OCPP-J 1.6 §3.2)");
        }
    }

    @Test
    void failsBothChecksWhenTheCentralSystemSelectsTheUnknownSubprotocol() {
        try (RunningCentralSystem cs = start(Fault.WRONG_SUBPROTOCOL_SELECTED)) {
            TestCaseResult r = run(Tc088TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(entry(UNKNOWN_REFUSED, FAILED), entry(SELECTED, FAILED));
            assertThat(check(r, UNKNOWN_REFUSED).message()).isEqualTo("expected no WebSocket for an offer of only"
                    + " ocpp0.1 (a 4xx, or 101 without Sec-WebSocket-Protocol and an immediate close), seen 101 selecting"
                    + " ocpp0.1, which is not an OCPP subprotocol; change the server to select only the subprotocols it"
                    + " implements (ocpp1.6)");
            assertThat(check(r, SELECTED).message()).isEqualTo("expected 101 with Sec-WebSocket-Protocol: ocpp1.6, seen"
                    + " 101 with Basic auth as CP001 offering ocpp0.1,ocpp1.6 selecting subprotocol ocpp0.1; the Central"
                    + " System must select ocpp1.6 when it is offered");
        }
    }

    @Test
    void failsSelectionWhenTheCentralSystemSelectsNoSubprotocol() {
        try (RunningCentralSystem cs = start(Fault.NO_SUBPROTOCOL)) {
            TestCaseResult r = run(Tc088TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(entry(UNKNOWN_REFUSED, FAILED), entry(SELECTED, FAILED));
            assertThat(check(r, SELECTED).message()).contains("selecting no subprotocol; the Central System must select ocpp1.6");
        }
    }

    @Test
    void sendsNothingToAServerWhoseCertificateFailsValidation() {
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            TestCaseResult r = run(Tc088TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(entry(UNKNOWN_REFUSED, INCONCLUSIVE), entry(SELECTED, FAILED));
            assertThat(check(r, UNKNOWN_REFUSED).message()).startsWith("not attempted: the server certificate was"
                    + " rejected (").contains("so octt did not send the upgrade offering only ocpp0.1");
            assertThat(cs.authorizationHeaders()).isEmpty();
        }
    }

    @Test
    void runsUnderProfile3WithTheClientCertificate() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).securityProfile(3).build().start()) {
            IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
            TestContext context = TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                    .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE)
                    .clientKeyMaterial(KeyMaterial.of(client.chain(), client.privateKey()))
                    .trustAnchors(List.of(cs.rootCertificate()))
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Runs.NETWORK_TIMEOUT)).build();

            TestCaseResult r = run(Tc088TestCase.ID, context);

            assertThat(verdicts(r)).containsOnly(entry(UNKNOWN_REFUSED, PASSED), entry(SELECTED, PASSED));
            assertThat(check(r, SELECTED).message()).startsWith("101 Switching Protocols with the client certificate");
        }
    }

    private static java.util.Map.Entry<String, org.octt.core.spi.Verdict> entry(String id, org.octt.core.spi.Verdict v) {
        return java.util.Map.entry(id, v);
    }
}
