package org.octt.testsupport;

import org.junit.jupiter.api.Test;
import org.octt.testsupport.fixture.api.Clean;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PublicApiTests {

    private static Path testClasses() throws URISyntaxException {
        return Path.of(Clean.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void namesEveryVisibleSignatureThatMentionsAnInternalType() throws URISyntaxException {
        String leaky = "org.octt.testsupport.fixture.api.Leaky";
        String hidden = "org.octt.testsupport.fixture.internal.Hidden";
        assertThat(PublicApi.internalTypesExposed(testClasses(), leaky)).containsExactlyInAnyOrder(
                leaky + " extends " + hidden,
                leaky + ".field has type " + hidden,
                leaky + ".wildcard has type " + hidden,
                leaky + "#<init>(..) takes " + hidden,
                leaky + "#returns(..) returns " + hidden,
                leaky + "#throwsIt(..) throws org.octt.testsupport.fixture.internal.HiddenException",
                leaky + "#bound(..) takes " + hidden,
                leaky + "#bound(..) type parameter T " + hidden);
    }

    @Test
    void ignoresPrivatePackagePrivateAndInternalTypesAndProtectedMembersOfFinalClasses() throws URISyntaxException {
        assertThat(PublicApi.internalTypesExposed(testClasses(), "org.octt.testsupport.fixture.api.Clean")).isEmpty();
        assertThat(PublicApi.internalTypesExposed(testClasses(), "org.octt.testsupport.fixture.internal")).isEmpty();
    }

    @Test
    void listsVisibleRecords() throws URISyntaxException {
        assertThat(PublicApi.records(testClasses())).containsExactly("org.octt.testsupport.fixture.api.Clean$Pair");
    }

    @Test
    void aPackageIsInternalWhenOneOfItsSegmentsIs() {
        assertThat(PublicApi.isInternal("org.octt.tls.probe.internal")).isTrue();
        assertThat(PublicApi.isInternal("org.octt.testkit.internal.http")).isTrue();
        assertThat(PublicApi.isInternal("org.octt.internals")).isFalse();
    }
}
