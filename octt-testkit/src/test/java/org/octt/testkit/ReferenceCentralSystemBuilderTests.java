package org.octt.testkit;

import org.junit.jupiter.api.Test;

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
}
