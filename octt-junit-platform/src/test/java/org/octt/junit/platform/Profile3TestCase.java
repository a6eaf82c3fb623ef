package org.octt.junit.platform;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Set;

/** A test-only plugin for security profile 3 only: not applicable to a profile 2 target. */
public final class Profile3TestCase implements TestCase {

    static final String ID = "OCTT_JUNIT_PROFILE3";
    static final String SUITE = "junit-profile3";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Profile 3 only";
    }

    @Override
    public SystemUnderTest systemUnderTest() {
        return SystemUnderTest.CENTRAL_SYSTEM;
    }

    @Override
    public OcppVersion ocppVersion() {
        return OcppVersion.OCPP_16J;
    }

    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_CLIENT_CERTIFICATE);
    }

    @Override
    public Set<String> suites() {
        return Set.of(SUITE, "junit-all");
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.of("client-certificate", "passes", List.of("client.passed"),
                context -> Flux.just(CheckResult.passed("client.passed", "connected with the client certificate"))));
    }
}
