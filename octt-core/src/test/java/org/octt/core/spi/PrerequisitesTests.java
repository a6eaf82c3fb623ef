package org.octt.core.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrerequisitesTests {

    private static TestContext withProfile(SecurityProfile profile) {
        return TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001")).securityProfile(profile).build();
    }

    @Test
    void aTestCaseForProfileTwoDoesNotApplyToProfileThreeAndSaysWhy() {
        Prerequisites p = Prerequisites.securityProfiles(SecurityProfile.TLS_BASIC_AUTH);
        assertThat(p.whyNotApplicable(withProfile(SecurityProfile.TLS_BASIC_AUTH))).isEmpty();
        assertThat(p.whyNotApplicable(withProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE)))
                .contains("applies to security profile 2, the target is configured with profile 3");
    }

    @Test
    void severalProfilesAreListedInOrder() {
        Prerequisites p = Prerequisites.securityProfiles(SecurityProfile.TLS_CLIENT_CERTIFICATE,
                SecurityProfile.UNSECURED_BASIC_AUTH);
        assertThat(p.whyNotApplicable(withProfile(SecurityProfile.TLS_BASIC_AUTH)))
                .contains("applies to security profile 1 or 3, the target is configured with profile 2");
    }

    @Test
    void noPrerequisitesApplyToEveryProfile() {
        for (SecurityProfile profile : SecurityProfile.values()) {
            assertThat(Prerequisites.none().whyNotApplicable(withProfile(profile))).isEmpty();
        }
    }
}
