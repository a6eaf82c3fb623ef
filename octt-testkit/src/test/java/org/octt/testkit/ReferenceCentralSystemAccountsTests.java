package org.octt.testkit;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.octt.testkit.TestSupport.PKI;
import static org.octt.testkit.TestSupport.basic;
import static org.octt.testkit.TestSupport.bootNotification;
import static org.octt.testkit.TestSupport.exchange;
import static org.octt.testkit.TestSupport.jdkTls;

/**
 * What the reference Central System does after a Charge Point accepted a new AuthorizationKey
 * ({@link RunningCentralSystem#changePassword}) or a higher SecurityProfile
 * ({@link RunningCentralSystem#requireSecurityProfile}), and the faults that break it.
 */
@Timeout(30)
class ReferenceCentralSystemAccountsTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** 20 bytes that are not UTF-8, as a hex AuthorizationKey's password may be. */
    private static final byte[] NEW_PASSWORD = {(byte) 0xff, (byte) 0xfe, 0x00, 0x3a, (byte) 0xc3, 0x28, 1, 2, 3, 4,
            5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

    private static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(PKI).clientCertificates(ClientCertificatePolicy.optional())
                .faults(faults).build().start();
    }

    private static int upgradeStatus(RunningCentralSystem cs, SslContext tls, Optional<String> authorization) {
        try {
            exchange(cs, tls, authorization, List.of(bootNotification("b")), 1, WAIT);
            return 101;
        } catch (WebSocketClientHandshakeException e) {
            return e.response().status().code();
        }
    }

    private static Optional<String> handedOut(RunningCentralSystem cs) {
        return Optional.of(basic(cs.chargePointId(), cs.chargePointPasswordAsString()));
    }

    private static Optional<String> newPassword(RunningCentralSystem cs) {
        byte[] user = (cs.chargePointId() + ":").getBytes(StandardCharsets.UTF_8);
        byte[] raw = Arrays.copyOf(user, user.length + NEW_PASSWORD.length);
        System.arraycopy(NEW_PASSWORD, 0, raw, user.length, NEW_PASSWORD.length);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void acceptsOnlyTheNewPasswordOnceChangedEvenWhenItsBytesAreNotUtf8() throws Exception {
        try (RunningCentralSystem cs = start()) {
            SslContext tls = jdkTls(cs.rootCertificate(), Optional.empty());
            assertThat(upgradeStatus(cs, tls, handedOut(cs))).isEqualTo(101);
            assertThat(upgradeStatus(cs, tls, newPassword(cs))).isEqualTo(401);

            cs.changePassword(cs.chargePointId(), NEW_PASSWORD);

            assertThat(upgradeStatus(cs, tls, newPassword(cs))).isEqualTo(101);
            assertThat(upgradeStatus(cs, tls, handedOut(cs))).isEqualTo(401);
        }
    }

    @Test
    void stillAcceptsTheOldPasswordWithTheFault() throws Exception {
        try (RunningCentralSystem cs = start(Fault.OLD_PASSWORD_ACCEPTED)) {
            SslContext tls = jdkTls(cs.rootCertificate(), Optional.empty());
            cs.changePassword(cs.chargePointId(), NEW_PASSWORD);

            assertThat(upgradeStatus(cs, tls, newPassword(cs))).isEqualTo(101);
            assertThat(upgradeStatus(cs, tls, handedOut(cs))).isEqualTo(101);
        }
    }

    @Test
    void requiresTheClientCertificateAndNoLongerBasicAuthOnceProfileThreeIsRequired() throws Exception {
        try (RunningCentralSystem cs = start()) {
            SslContext basicOnly = jdkTls(cs.rootCertificate(), Optional.empty());
            SslContext withCertificate = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP001")));
            assertThat(upgradeStatus(cs, withCertificate, Optional.empty())).isEqualTo(401);

            cs.requireSecurityProfile("CP001", 3);

            assertThat(cs.requiredSecurityProfile("CP001")).hasValue(3);
            assertThat(upgradeStatus(cs, withCertificate, Optional.empty())).isEqualTo(101);
            assertThat(upgradeStatus(cs, basicOnly, handedOut(cs))).isEqualTo(403);
            assertThat(cs.requiredSecurityProfile("CP002")).isEmpty();
        }
    }

    @Test
    void stillAcceptsTheOldProfileWithTheFault() throws Exception {
        try (RunningCentralSystem cs = start(Fault.OLD_PROFILE_ACCEPTED)) {
            SslContext basicOnly = jdkTls(cs.rootCertificate(), Optional.empty());
            cs.requireSecurityProfile("CP001", 3);

            assertThat(upgradeStatus(cs, basicOnly, handedOut(cs))).isEqualTo(101);
        }
    }

    @Test
    void refusesAnEmptyPasswordAndAProfileOutsideOneToThree() {
        try (RunningCentralSystem cs = start()) {
            assertThatThrownBy(() -> cs.changePassword("CP001", new byte[0])).hasMessage("a password must not be empty");
            assertThatThrownBy(() -> cs.requireSecurityProfile("CP001", 4))
                    .hasMessage("a security profile is 1 to 3, was: 4");
        }
    }

    @Test
    void actionsFailNamingTheChargePointWhenItIsNotConnected() {
        try (RunningCentralSystem cs = start()) {
            assertThatThrownBy(() -> new org.octt.testkit.actions.ChangeAuthorizationKeyAction()
                    .perform(cs, "CP001", java.util.Map.of()).block(WAIT))
                    .hasMessageContaining("no WebSocket session of Charge Point CP001 is open");
            assertThatThrownBy(() -> new org.octt.testkit.actions.ChangeSecurityProfileAction()
                    .perform(cs, "CP001", java.util.Map.of("securityProfile", "4")).block(WAIT))
                    .hasMessage("the parameter securityProfile must be 1, 2 or 3, was: '4'");
        }
    }
}
