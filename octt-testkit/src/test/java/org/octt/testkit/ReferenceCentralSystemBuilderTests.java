package org.octt.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceCentralSystemBuilderTests {

    @Test
    void hasProfile2AndNoFaultByDefault() {
        ReferenceCentralSystem cs = ReferenceCentralSystem.builder().build();

        assertThat(cs.hostName()).isEqualTo("csms.octt.test");
        assertThat(cs.securityProfile()).isEqualTo(2);
        assertThat(cs.faults()).isEmpty();
        assertThat(cs.additionalHostNames()).isEmpty();
    }

    @Test
    void rejectsSecurityProfileOtherThan2Or3() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder().securityProfile(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("security profile must be 2 or 3, was: 1");
    }

    @Test
    void rejectsHostNameThatIsNotADnsName() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder().hostName("csms.octt.test:8443"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host name must be a DNS name, was: 'csms.octt.test:8443'");
    }

    @Test
    void keepsAdditionalHostNamesInOrderAndUnmodifiable() {
        ReferenceCentralSystem cs = ReferenceCentralSystem.builder()
                .additionalHostNames(List.of("t0002.octt.test", "t0001.octt.test")).build();

        assertThat(cs.additionalHostNames()).containsExactly("t0002.octt.test", "t0001.octt.test");
        assertThatThrownBy(() -> cs.additionalHostNames().add("t0003.octt.test"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(cs.toString()).contains("additionalHosts=2");
    }

    @Test
    void rejectsAdditionalHostNameThatIsNotADnsName() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder()
                .additionalHostNames(List.of("t0001.octt.test", "t0002 octt.test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additional host name must be a DNS name, was: 't0002 octt.test'");
    }

    @Test
    void rejectsAdditionalHostNameGivenTwiceWhateverItsCase() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder()
                .additionalHostNames(List.of("t0001.octt.test", "t0002.octt.test", "T0001.octt.test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additional host names must be distinct, 'T0001.octt.test' appears twice");
    }

    @Test
    void rejectsAdditionalHostNameThatIsTheHostName() {
        ReferenceCentralSystem.Builder builder = ReferenceCentralSystem.builder()
                .additionalHostNames(List.of("t0001.octt.test", "cs1.octt.test")).hostName("CS1.octt.test");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additional host name 'cs1.octt.test' is the host name 'CS1.octt.test' already");
    }

    @Test
    void rejectsChargePointIdThatCannotBeAPathSegment() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder().chargePointId("CP/1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("charge point id must be 1 to 48 URL-safe characters, was: 'CP/1'");
    }

    @Test
    void rejectsEmptyPassword() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder().password(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must not be empty");
    }

    @Test
    void rejectsContradictoryFaultsNamingThem() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder()
                .faults(EnumSet.of(Fault.RSA_ONLY, Fault.ECDSA_ONLY, Fault.EXPIRED)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("faults [rsa-only, ecdsa-only] cannot be combined");
        assertThatThrownBy(() -> ReferenceCentralSystem.builder().faults(Fault.TLS13_ONLY, Fault.LEGACY_TLS).build())
                .hasMessage("faults [tls13-only, legacy-tls] cannot be combined");
    }

    @Test
    void keepsFaultsImmutableAndShowsNoSecretInToString() {
        ReferenceCentralSystem cs = ReferenceCentralSystem.builder().password("s3cret-password-1234")
                .faults(Fault.CN_MISMATCH, Fault.ZERO_SERIAL).build();

        assertThat(cs.faults()).containsExactlyInAnyOrder(Fault.CN_MISMATCH, Fault.ZERO_SERIAL);
        assertThatThrownBy(() -> cs.faults().add(Fault.EXPIRED)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(cs.toString()).doesNotContain("s3cret");
    }

    @Test
    void derivesTheDefaultAuthAndClientCertificatePoliciesFromTheSecurityProfile() {
        ReferenceCentralSystem p2 = ReferenceCentralSystem.builder().build();
        ReferenceCentralSystem p3 = ReferenceCentralSystem.builder().securityProfile(3).build();

        assertThat(p2.auth()).isSameAs(AuthPolicy.handedOut());
        assertThat(p2.clientCertificates().mode()).isEqualTo(ClientCertificatePolicy.Mode.NONE);
        assertThat(p3.auth()).isSameAs(AuthPolicy.open());
        assertThat(p3.clientCertificates().mode()).isEqualTo(ClientCertificatePolicy.Mode.REQUIRED);
        assertThat(p2.subprotocols().subprotocols()).containsExactly("ocpp1.6");
        assertThat(p2.answers()).isEmpty();
        assertThat(p2.calls()).isEmpty();
    }

    @Test
    void expressesTheWebSocketAndOcppFaultsAsPresetsOfThePolicies() {
        ReferenceCentralSystem cs = ReferenceCentralSystem.builder().faults(Fault.WRONG_PASSWORD, Fault.NO_SUBPROTOCOL,
                Fault.BOOT_REJECTED, Fault.STATUS_NOTIFICATION_ERROR, Fault.SENDS_CALL_FIRST).build();

        assertThat(cs.auth().acceptsHandedOutPassword()).isFalse();
        assertThat(cs.subprotocols().subprotocols()).isEmpty();
        assertThat(cs.answers()).containsOnlyKeys("BootNotification", "StatusNotification");
        assertThat(cs.calls()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("GetConfiguration");
            assertThat(c.when()).isEqualTo(ScheduledCall.When.BEFORE_BOOT_NOTIFICATION_ANSWER);
        });
        ReferenceCentralSystem silent = ReferenceCentralSystem.builder().answer("Heartbeat", Reply.standard())
                .faults(Fault.NO_ANSWER).build();
        assertThat(silent.answers()).isEmpty();
        assertThat(silent.otherActions().answer(null).kind()).isEqualTo(Reply.Kind.NONE);
    }

    @Test
    void keepsTheGivenPoliciesWhereNoFaultOverridesThemAndNamesNoPasswordInToString() {
        ReferenceCentralSystem cs = ReferenceCentralSystem.builder()
                .auth(AuthPolicy.handedOut().accepting("CP9", "pass-word-99").lockingAfter(3))
                .subprotocols(SubprotocolPolicy.select("ocpp1.6", "ocpp2.0.1").refusingUnacceptable())
                .call(ScheduledCall.of("Reset", "{\"type\":\"Soft\"}").after(Duration.ofSeconds(1)))
                .build();

        assertThat(cs.auth().acceptedUsers()).containsExactly("CP9");
        assertThat(cs.auth().lockAfter()).isEqualTo(3);
        assertThat(cs.subprotocols().refusesUnacceptable()).isTrue();
        assertThat(cs.calls()).singleElement().extracting(ScheduledCall::delay).isEqualTo(Duration.ofSeconds(1));
        assertThat(cs.toString()).doesNotContain("pass-word-99").contains("acceptedUsers=[CP9]");
    }

    @Test
    void refusesPolicyValuesThatCannotWorkNamingThem() {
        assertThatThrownBy(() -> AuthPolicy.handedOut().accepting("CP:1", "x"))
                .hasMessage("a Basic auth user must be non-empty and without ':', was: 'CP:1'");
        assertThatThrownBy(() -> AuthPolicy.handedOut().lockingAfter(-1))
                .hasMessage("failures before the lock must be 0 (never) or more, was: -1");
        assertThatThrownBy(() -> SubprotocolPolicy.select("ocpp 1.6")).hasMessage("a subprotocol is a non-empty token, was: 'ocpp 1.6'");
        assertThatThrownBy(() -> SubprotocolPolicy.selectNone().refusingUnacceptable())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ScheduledCall.of("Reset", "[]")).hasMessage("a CALL payload must be a JSON object, was: ARRAY");
        assertThatThrownBy(() -> Reply.result("{")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a CALLRESULT payload must be JSON");
        assertThatThrownBy(() -> Reply.none().after(Duration.ofSeconds(-1)))
                .hasMessage("a reply's delay must not be negative, was: PT-1S");
    }
}
