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

    /** A test case with these prerequisites. */
    private static TestCase card(String id, Prerequisites p) {
        return new TestCase() {
            public String id() { return id; }
            public String title() { return id; }
            public SystemUnderTest systemUnderTest() { return SystemUnderTest.CENTRAL_SYSTEM; }
            public OcppVersion ocppVersion() { return OcppVersion.OCPP_16J; }
            public java.util.List<Step> steps() { return java.util.List.of(); }
            public Prerequisites prerequisites() { return p; }
        };
    }

    @Test
    void aSuiteRunsTheCardsThatChangeTheChargePointsAccountAfterTheOthersEachInIdOrder() {
        Prerequisites plain = Prerequisites.securityProfiles(SecurityProfile.TLS_BASIC_AUTH);
        Prerequisites changing = plain.withOperatorActions().withAccountChanges();
        java.util.List<TestCase> cards = java.util.List.of(card("TC_083_CSMS", changing), card("TC_086_CSMS", plain),
                card("TC_073_CSMS", changing), card("TC_074_CSMS", plain.withOperatorActions()));

        assertThat(cards.stream().sorted(Prerequisites.suiteOrder()).map(TestCase::id).toList())
                .containsExactly("TC_074_CSMS", "TC_086_CSMS", "TC_073_CSMS", "TC_083_CSMS");
        assertThat(changing.accountChanges()).isTrue();
        assertThat(changing.operatorActions()).isTrue();
        assertThat(plain.accountChanges()).isFalse();
        assertThat(changing).isNotEqualTo(plain.withOperatorActions()).hasToString("Prerequisites[profiles=[2],"
                + " operatorActions, accountChanges]");
    }
}
