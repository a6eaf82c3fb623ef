package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.testkit.ClientCertificatePolicy;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.Runs.NETWORK_TIMEOUT;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.profile2;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * TC_073_CSMS and TC_083_CSMS, found through discovery, against the reference Central System under
 * security profile 2 (client certificates optional, so that it serves profile 3 too), its actions
 * performed through its action handler: the pass paths, each fault with the verdict of every check
 * and the reason of the failing one, and nobody acting.
 */
@Timeout(90)
class PasswordAndProfileCardsReferenceCentralSystemTests {

    /** A 40-hex-digit AuthorizationKey, as the reference Central System generates: never in a result. */
    private static final Pattern HEX_KEY = Pattern.compile("[0-9A-Fa-f]{40}");

    static ReferencePki pki;

    @BeforeAll
    static void generatePki() {
        pki = ReferencePki.generate();
    }

    static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(pki).clientCertificates(ClientCertificatePolicy.optional())
                .faults(faults).build().start();
    }

    /** Profile 2 with the Central System's actions performed by it, and a client certificate for profile 3. */
    static TestContext.Builder acting(RunningCentralSystem cs) {
        IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
        return profile2(cs).actionHandler(cs.actionHandler())
                .clientKeyMaterial(KeyMaterial.of(client.chain(), client.privateKey()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT).withAction(Duration.ofSeconds(20)));
    }

    // ------------------------------------------------------------------ TC_073

    @Test
    void tc073PassesAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc073TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("ocpp.authorization-key-changed", PASSED),
                    Map.entry("ws.new-password-upgrade", PASSED), Map.entry("ws.old-password-refused", PASSED));
            assertThat(check(r, "ocpp.authorization-key-changed").message()).isEqualTo("ChangeConfiguration.req"
                    + " AuthorizationKey with a valid new value (40 hex digits (a 20-byte password), not shown) answered"
                    + " Accepted");
            assertThat(check(r, "ws.new-password-upgrade").message()).startsWith("101 Switching Protocols with Basic auth"
                    + " as CP001 and the new password, subprotocol ocpp1.6 selected");
            assertThat(check(r, "ws.old-password-refused").message()).isEqualTo("the upgrade with Basic auth as CP001 and"
                    + " the old password was refused: HTTP 401 Unauthorized");
            assertThat(HEX_KEY.matcher(r.toString()).find()).isFalse();
            assertThat(r.toString()).doesNotContain(cs.chargePointPasswordAsString());
            assertThat(check(r, "ocpp.authorization-key-changed").evidence().get("messageLog").toString())
                    .contains("ChangeConfiguration").contains("****");
        }
    }

    @Test
    void tc073FailsWhenTheCentralSystemSendsAnInvalidKey() {
        try (RunningCentralSystem cs = start(Fault.AUTHORIZATION_KEY_INVALID)) {
            TestCaseResult r = run(Tc073TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).contains(Map.entry("ocpp.authorization-key-changed", FAILED),
                    Map.entry("ws.new-password-upgrade", SKIPPED), Map.entry("ws.old-password-refused", SKIPPED));
            assertThat(check(r, "ocpp.authorization-key-changed").message()).isEqualTo("expected a new AuthorizationKey"
                    + " of 16 to 20 characters (the password as text) or 32 to 40 hex digits (the password as 16 to 20"
                    + " bytes), seen a value of 24 characters (the value is a secret and not shown); octt answered"
                    + " Rejected, as a Charge Point must; change the Central System to generate a password of 16 to 20"
                    + " bytes, sent as at most 40 hex digits");
            assertThat(check(r, "ws.new-password-upgrade").message()).isEqualTo("no new AuthorizationKey was accepted"
                    + " (see ocpp.authorization-key-changed)");
        }
    }

    @Test
    void tc073FailsWhenTheNewPasswordIsRefused() {
        try (RunningCentralSystem cs = start(Fault.NEW_PASSWORD_REFUSED)) {
            TestCaseResult r = run(Tc073TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).contains(Map.entry("ocpp.authorization-key-changed", PASSED),
                    Map.entry("ws.new-password-upgrade", FAILED), Map.entry("ws.old-password-refused", SKIPPED));
            assertThat(check(r, "ws.new-password-upgrade").message()).startsWith("expected 101 Switching Protocols with"
                    + " Basic auth as CP001 and the new password (the AuthorizationKey the Central System set, 40 hex"
                    + " digits (a 20-byte password)), seen: ").contains("401").endsWith("; the Central System must accept"
                    + " the new password once the Charge Point accepted it");
        }
    }

    @Test
    void tc073FailsWhenTheOldPasswordIsStillAccepted() {
        try (RunningCentralSystem cs = start(Fault.OLD_PASSWORD_ACCEPTED)) {
            TestCaseResult r = run(Tc073TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).contains(Map.entry("ws.new-password-upgrade", PASSED),
                    Map.entry("ws.old-password-refused", FAILED));
            assertThat(check(r, "ws.old-password-refused").message()).isEqualTo("expected the upgrade with Basic auth as"
                    + " CP001 and the old password refused (401 Unauthorized), seen 101 Switching Protocols: the Central"
                    + " System still accepts the password the Charge Point replaced; change it to accept only the new"
                    + " AuthorizationKey once the Charge Point accepted it (A00.FR.303/304: the password is the"
                    + " AuthorizationKey)");
        }
    }

    @Test
    void tc073IsInconclusiveWhenNobodyMakesTheCentralSystemAct() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc073TestCase.ID, acting(cs)
                    .actionHandler(action -> Mono.just(ActionOutcome.leftToOperator()))
                    .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT).withAction(Duration.ofSeconds(1)))
                    .build());

            assertThat(verdicts(r)).contains(Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.authorization-key-changed", INCONCLUSIVE), Map.entry("ws.new-password-upgrade", SKIPPED),
                    Map.entry("ws.old-password-refused", SKIPPED));
            assertThat(check(r, "ocpp.authorization-key-changed").message()).startsWith("no ChangeConfiguration.req within 1")
                    .contains("TC_073_CSMS.change-authorization-key");
            assertThat(cs.authorizationHeaders()).containsExactly(true);
        }
    }

    // ------------------------------------------------------------------ TC_083

    @Test
    void tc083PassesFromProfileTwoToThreeAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc083TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("ocpp.security-profile-changed", PASSED),
                    Map.entry("ocpp.reset", PASSED), Map.entry("ws.new-profile-upgrade", PASSED),
                    Map.entry("ocpp.new-profile-boot-notification", PASSED),
                    Map.entry("ocpp.new-profile-status-notification", PASSED), Map.entry("ws.old-profile-refused", PASSED),
                    Map.entry("ws.new-profile-reconnect", PASSED));
            assertThat(check(r, "ocpp.security-profile-changed").message()).isEqualTo("ChangeConfiguration.req"
                    + " SecurityProfile 3 answered Accepted (security profile 2 raised to 3; it takes effect on the next"
                    + " connection)");
            assertThat(check(r, "ocpp.reset").message()).isEqualTo("Reset.req type Hard answered Accepted; octt reconnects"
                    + " with security profile 3");
            assertThat(check(r, "ws.new-profile-upgrade").message()).startsWith("101 Switching Protocols with the client"
                    + " certificate, subprotocol ocpp1.6 selected");
            assertThat(check(r, "ws.old-profile-refused").message()).isEqualTo("the upgrade with the old security profile"
                    + " 2 (with Basic auth as CP001 over TLS, no client certificate) was refused: HTTP 403 Forbidden");
            assertThat(check(r, "ws.old-profile-refused").warnings()).isEmpty();
            assertThat(cs.requiredSecurityProfile("CP001")).hasValue(3);
            assertThat(cs.bootNotificationCount()).isEqualTo(2);
        }
    }

    @Test
    void tc083FailsWhenTheOldProfileIsStillAccepted() {
        try (RunningCentralSystem cs = start(Fault.OLD_PROFILE_ACCEPTED)) {
            TestCaseResult r = run(Tc083TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).contains(Map.entry("ws.new-profile-upgrade", PASSED),
                    Map.entry("ws.old-profile-refused", FAILED), Map.entry("ws.new-profile-reconnect", PASSED));
            assertThat(check(r, "ws.old-profile-refused").message()).isEqualTo("expected the upgrade with the old security"
                    + " profile 2 (with Basic auth as CP001 over TLS, no client certificate) refused, seen 101 Switching"
                    + " Protocols: the Central System still accepts the security profile the Charge Point left; change it"
                    + " to refuse a Charge Point's connections with a lower security profile than the one it moved to"
                    + " (A05.FR.09)");
        }
    }

    @Test
    void tc083FailsWhenTheNewProfileIsRefused() {
        try (RunningCentralSystem cs = start(Fault.NEW_PROFILE_REFUSED)) {
            TestCaseResult r = run(Tc083TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).contains(Map.entry("ocpp.reset", PASSED), Map.entry("ws.new-profile-upgrade", FAILED),
                    Map.entry("ocpp.new-profile-boot-notification", SKIPPED), Map.entry("ws.old-profile-refused", SKIPPED),
                    Map.entry("ws.new-profile-reconnect", SKIPPED));
            assertThat(check(r, "ws.new-profile-upgrade").message()).startsWith("expected 101 Switching Protocols with the"
                    + " client certificate, seen: ").contains("401");
        }
    }

    @Test
    void tc083FailsWhenTheProfileSentIsNotTheNextOneUp() {
        try (RunningCentralSystem cs = start(Fault.SECURITY_PROFILE_NOT_RAISED)) {
            TestCaseResult r = run(Tc083TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).contains(Map.entry("ocpp.security-profile-changed", FAILED),
                    Map.entry("ocpp.reset", SKIPPED), Map.entry("ws.new-profile-upgrade", SKIPPED));
            assertThat(check(r, "ocpp.security-profile-changed").message()).isEqualTo("expected SecurityProfile 3 (the next"
                    + " profile up from 2), seen 2, which octt answered Rejected as a Charge Point must: security profile"
                    + " 2 is not above the current 2; a Charge Point only raises its security profile, never lowers or"
                    + " repeats it; change the Central System to raise the profile by one");
        }
    }

    @Test
    void tc083AsksNothingWithoutAClientCertificateForProfileThree() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc083TestCase.ID, profile2(cs).actionHandler(cs.actionHandler()).build());

            CheckResult change = check(r, "ocpp.security-profile-changed");
            assertThat(change.verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(change.message()).isEqualTo("not asked: security profile 3 needs the Charge Point's certificate and"
                    + " key, and none is configured; pass a client certificate the Central System trusts (CN = the"
                    + " ChargePointId) with --client-cert and --client-key");
            assertThat(verdicts(r)).contains(Map.entry("ws.upgrade", SKIPPED), Map.entry("ocpp.reset", SKIPPED),
                    Map.entry("ws.new-profile-reconnect", SKIPPED));
            assertThat(cs.traffic().connections()).isZero();
        }
    }
}
