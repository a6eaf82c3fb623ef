package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.profile2;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * TC_085_CSMS and X_BASIC_AUTH_INVALID_CSMS, found through discovery, against the reference Central
 * System under security profile 2: the pass path, and each fault with the verdict of every check and
 * the reason of the failing one.
 */
@Timeout(60)
class BasicAuthCardsReferenceCentralSystemTests {

    static ReferencePki pki;

    @BeforeAll
    static void generatePkiAndWarmUp() {
        pki = ReferencePki.generate();
        try (RunningCentralSystem cs = start()) {
            run(Tc085TestCase.ID, profile2(cs).build());
        }
    }

    static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(pki).faults(faults).build().start();
    }

    // ------------------------------------------------------------------ TC_085

    @Test
    void tc085PassesAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc085TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.no-auth-refused", PASSED), Map.entry("ws.upgrade", PASSED),
                    Map.entry("ocpp.boot-notification", PASSED), Map.entry("ocpp.status-notification", PASSED));
            CheckResult noAuth = check(r, "ws.no-auth-refused");
            assertThat(noAuth.message()).isEqualTo("the upgrade without an Authorization header was refused: HTTP 401 Unauthorized");
            assertThat(noAuth.warnings()).isEmpty();
            assertThat(noAuth.evidence().get("messageLog").toString()).doesNotContain("Authorization:");
            assertThat(check(r, "ws.upgrade").message()).startsWith("101 Switching Protocols with Basic auth as CP001,"
                    + " subprotocol ocpp1.6 selected, over TLSv1.");
            assertThat(cs.authorizationHeaders()).containsExactly(false, true);
            assertThat(r.toString()).doesNotContain(cs.chargePointPasswordAsString());
        }
    }

    @Test
    void tc085FailsWhenTheCentralSystemUpgradesWithoutCredentials() {
        try (RunningCentralSystem cs = start(Fault.NO_AUTH_ACCEPTED)) {
            TestCaseResult r = run(Tc085TestCase.ID, profile2(cs).build());

            assertThat(check(r, "ws.no-auth-refused").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "ws.no-auth-refused").message()).isEqualTo("expected the upgrade without an Authorization"
                    + " header refused (401 Unauthorized), seen 101 Switching Protocols: a WebSocket session without any"
                    + " credentials; change the Central System to require HTTP Basic auth (user = the ChargePointId,"
                    + " password = its AuthorizationKey) on every upgrade under security profile 2 (A00.FR.303/304)");
            assertThat(check(r, "ws.upgrade").verdict()).isEqualTo(PASSED);
        }
    }

    @Test
    void tc085FailsTheUpgradeAndSkipsTheOcppChecksWhenThePasswordIsRefused() {
        try (RunningCentralSystem cs = start(Fault.WRONG_PASSWORD)) {
            TestCaseResult r = run(Tc085TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.no-auth-refused", PASSED), Map.entry("ws.upgrade", FAILED),
                    Map.entry("ocpp.boot-notification", SKIPPED), Map.entry("ocpp.status-notification", SKIPPED));
            assertThat(check(r, "ws.upgrade").message()).startsWith("expected 101 Switching Protocols with Basic auth as"
                    + " CP001, seen: ").contains("401").endsWith("; check the Charge Point's password and that the"
                    + " username is the ChargePointId");
        }
    }

    @Test
    void tc085FailsTheBootNotificationWhenItIsRejected() {
        try (RunningCentralSystem cs = start(Fault.BOOT_REJECTED)) {
            TestCaseResult r = run(Tc085TestCase.ID, profile2(cs).build());

            assertThat(check(r, "ocpp.boot-notification").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "ocpp.boot-notification").message()).endsWith("status is Rejected, expected Accepted");
            assertThat(check(r, "ocpp.status-notification").verdict()).isEqualTo(SKIPPED);
        }
    }

    @Test
    void tc085SendsNoCredentialsToAServerWhoseCertificateFailsValidation() {
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            TestCaseResult r = run(Tc085TestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.no-auth-refused", INCONCLUSIVE), Map.entry("ws.upgrade", FAILED),
                    Map.entry("ocpp.boot-notification", SKIPPED), Map.entry("ocpp.status-notification", SKIPPED));
            assertThat(check(r, "ws.upgrade").message()).startsWith("expected a secured WebSocket, seen a server"
                    + " certificate a Charge Point must refuse: ").contains("no credentials were sent (A00.FR.309/310)");
            assertThat(cs.authorizationHeaders()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ X_BASIC_AUTH_INVALID

    @Test
    void basicAuthInvalidPassesAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(XBasicAuthInvalidTestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.wrong-password-refused", PASSED),
                    Map.entry("ws.wrong-username-refused", PASSED), Map.entry("ws.upgrade", PASSED));
            assertThat(check(r, "ws.wrong-password-refused").message()).isEqualTo("the upgrade with Basic auth as CP001"
                    + " and a wrong password was refused: HTTP 401 Unauthorized");
            assertThat(check(r, "ws.wrong-username-refused").message()).isEqualTo("the upgrade with the right password"
                    + " under the user name CP001-octt-other (not the ChargePointId CP001) was refused: HTTP 401 Unauthorized");
            assertThat(check(r, "ws.upgrade").message()).startsWith("101 Switching Protocols with Basic auth as CP001"
                    + " after the wrong attempts, subprotocol ocpp1.6 selected");
            assertThat(r.toString()).doesNotContain(cs.chargePointPasswordAsString())
                    .doesNotContain(XBasicAuthInvalidTestCase.WRONG_PASSWORD);
        }
    }

    @Test
    void basicAuthInvalidFailsWhenAnyPasswordIsAccepted() {
        try (RunningCentralSystem cs = start(Fault.ANY_PASSWORD)) {
            TestCaseResult r = run(XBasicAuthInvalidTestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.wrong-password-refused", FAILED),
                    Map.entry("ws.wrong-username-refused", PASSED), Map.entry("ws.upgrade", PASSED));
            assertThat(check(r, "ws.wrong-password-refused").message()).isEqualTo("expected the upgrade with Basic auth"
                    + " as CP001 and a wrong password refused (401 Unauthorized), seen 101 Switching Protocols: the Central"
                    + " System accepts any password; change it to accept only the ChargePointId as user name with that"
                    + " Charge Point's AuthorizationKey (A00.FR.303/304)");
        }
    }

    @Test
    void basicAuthInvalidFailsWhenAnyUserIsAccepted() {
        try (RunningCentralSystem cs = start(Fault.ANY_USER)) {
            TestCaseResult r = run(XBasicAuthInvalidTestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.wrong-password-refused", PASSED),
                    Map.entry("ws.wrong-username-refused", FAILED), Map.entry("ws.upgrade", PASSED));
            assertThat(check(r, "ws.wrong-username-refused").message()).isEqualTo("expected the upgrade with the right"
                    + " password under the user name CP001-octt-other (not the ChargePointId CP001) refused (401"
                    + " Unauthorized), seen 101 Switching Protocols: the Central System accepts the password under any"
                    + " user name; change it to accept only the ChargePointId as user name with that Charge Point's"
                    + " AuthorizationKey (A00.FR.303/304)");
        }
    }

    @Test
    void basicAuthInvalidReportsAnAccountLockedByTheFailures() {
        try (RunningCentralSystem cs = start(Fault.LOCKS_AFTER_FAILURE)) {
            TestCaseResult r = run(XBasicAuthInvalidTestCase.ID, profile2(cs).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.wrong-password-refused", PASSED),
                    Map.entry("ws.wrong-username-refused", PASSED), Map.entry("ws.upgrade", FAILED));
            CheckResult upgrade = check(r, "ws.upgrade");
            assertThat(upgrade.message()).startsWith("expected the right credentials still upgraded after two wrong"
                    + " attempts, seen ").contains("401").endsWith(", although they were upgraded just before those"
                    + " attempts: the Central System locks the Charge Point's account after failed authentications, so"
                    + " anyone who knows its ChargePointId can lock it out; change it to refuse only the wrong attempts"
                    + " (a delay after failures is fine, a lock of the right credentials is not)");
            assertThat(upgrade.evidence()).containsEntry("upgradedBeforeTheWrongAttempts", true);
        }
    }

    @Test
    void basicAuthInvalidSaysThePasswordIsWrongWhenTheRightCredentialsNeverWorked() {
        try (RunningCentralSystem cs = start(Fault.WRONG_PASSWORD)) {
            TestCaseResult r = run(XBasicAuthInvalidTestCase.ID, profile2(cs).build());

            CheckResult upgrade = check(r, "ws.upgrade");
            assertThat(upgrade.verdict()).isEqualTo(FAILED);
            assertThat(upgrade.message()).startsWith("expected the right credentials upgraded, seen ")
                    .endsWith(", as before the wrong attempts: the configured password is refused; check the Charge"
                            + " Point's password and that the username is the ChargePointId");
            assertThat(upgrade.evidence()).containsEntry("upgradedBeforeTheWrongAttempts", false);
        }
    }
}
