package org.octt.tc086;

import org.junit.jupiter.api.Test;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.SecurityProfile;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class Tc086OptionsTests {

    private final Tc086TestCase tc = new Tc086TestCase();

    @Test
    void declaresVendorModelAndConnectorsWithTheDefaultsItSends() {
        assertThat(tc.options()).extracting(OptionDescriptor::key, OptionDescriptor::typeLabel, OptionDescriptor::defaultValue)
                .containsExactly(
                        tuple("ocpp.vendor", "text", Optional.of("octt")),
                        tuple("ocpp.model", "text", Optional.of("octt-tc086")),
                        tuple("ocpp.connectors", "1..100", Optional.of("1")));
    }

    @Test
    void refusesConnectorsOutOfRange() {
        OptionDescriptor connectors = tc.options().get(2);
        assertThat(connectors.problem("0")).contains("is out of range (expected 1..100)");
        assertThat(connectors.problem("101")).contains("is out of range (expected 1..100)");
        assertThat(connectors.problem("3")).isEmpty();
    }

    @Test
    void belongsToTheBuiltInSecuritySuite() {
        assertThat(tc.suites()).containsExactly("ocpp16-security");
    }

    @Test
    void appliesToTheTlsProfilesOnlyNotToPlainWebSocketProfile1() {
        assertThat(tc.prerequisites().securityProfiles())
                .containsExactlyInAnyOrder(SecurityProfile.TLS_BASIC_AUTH, SecurityProfile.TLS_CLIENT_CERTIFICATE);
    }
}
