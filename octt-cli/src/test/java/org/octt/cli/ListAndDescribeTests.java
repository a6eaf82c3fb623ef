package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import org.octt.tc086.Tc086TestCase;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code octt list} (its Suites section and {@code -v}) and {@code octt describe ID}. */
class ListAndDescribeTests {

    /** A profile 3 test case in two suites, with a boolean option without default. */
    static final class ProfileThreeCase implements TestCase {
        @Override
        public String id() {
            return "TC_P3_ONLY";
        }

        @Override
        public String title() {
            return "Needs a client certificate";
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
        public List<Step> steps() {
            return List.of(Step.of("connect", "Connect with the client certificate", List.of("p3.connected"),
                    c -> Flux.just(CheckResult.failed("p3.connected", "must never run against profile 2"))));
        }

        @Override
        public Prerequisites prerequisites() {
            return Prerequisites.securityProfiles(SecurityProfile.TLS_CLIENT_CERTIFICATE);
        }

        @Override
        public Set<String> suites() {
            return Set.of("ocpp16-security", "profile-3");
        }

        @Override
        public List<OptionDescriptor> options() {
            return List.of(OptionDescriptor.bool("p3.strict", null, "refuse any warning"));
        }
    }

    private static CliEnvironment environment() {
        return new CliEnvironment(RunService.engine(), pluginDir -> new TestCatalog.Catalog(List.of(
                DiscoveredTestCase.of(new Tc086TestCase(), "classpath (octt-tc086)"),
                DiscoveredTestCase.of(new ProfileThreeCase(), "p3.jar")), List.of()),
                Map.of(), Optional.empty(), false, Interrupts.NONE);
    }

    @Test
    void listsTheBuiltInSuitesWithTheirTestCasesInIdOrder() {
        Cli.Result result = Cli.run(environment(), "list");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("""

                Suites (octt run --suite NAME):
                  ocpp16-security  TC_086_CSMS, TC_P3_ONLY
                  profile-3        TC_P3_ONLY
                """);
        assertThat(result.out()).doesNotContain("options", "prerequisites");
    }

    @Test
    void listVerboseShowsPrerequisitesSuitesAndOptions() {
        Cli.Result result = Cli.run(environment(), "list", "-v");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("""

                TC_086_CSMS  TLS - server-side certificate - Valid certificate
                  prerequisites: security profile 2 or 3
                  suites: ocpp16-security
                  options (--option KEY=VALUE):
                    KEY              TYPE    DEFAULT     DESCRIPTION
                    ocpp.vendor      text    octt        chargePointVendor sent in BootNotification
                    ocpp.model       text    octt-tc086  chargePointModel sent in BootNotification
                    ocpp.connectors  1..100  1           connectors the simulated Charge Point reports\
                 (a StatusNotification each, and one for connector 0)

                TC_P3_ONLY  Needs a client certificate
                  prerequisites: security profile 3
                  suites: ocpp16-security, profile-3
                  options (--option KEY=VALUE):
                    KEY        TYPE        DEFAULT  DESCRIPTION
                    p3.strict  true|false  (none)   refuse any warning
                """);
    }

    @Test
    void describesOneTestCaseWithItsStepsAndCheckIds() {
        Cli.Result result = Cli.run(environment(), "describe", "TC_P3_ONLY");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                TC_P3_ONLY  Needs a client certificate
                  system under test: central system
                  OCPP version: ocpp1.6
                  prerequisites: security profile 3
                  suites: ocpp16-security, profile-3
                  source: p3.jar
                  steps:
                    1. connect  Connect with the client certificate
                       checks: p3.connected
                  options (--option KEY=VALUE):
                    KEY        TYPE        DEFAULT  DESCRIPTION
                    p3.strict  true|false  (none)   refuse any warning
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void describesTc086StepsWithEveryDeclaredCheck() {
        Cli.Result result = Cli.run(environment(), "describe", "TC_086_CSMS");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestCase tc = new Tc086TestCase();
        for (Step step : tc.steps()) {
            assertThat(result.out()).contains(step.name() + "  " + step.description(),
                    "checks: " + String.join(", ", step.checkIds()));
        }
        assertThat(result.out()).contains("ocpp.connectors  1..100");
    }

    @Test
    void refusesAnUnknownIdListingTheKnownOnes() {
        Cli.Result result = Cli.run(environment(), "describe", "TC_NOPE");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly(
                "octt describe: unknown test case id: TC_NOPE (known: TC_086_CSMS, TC_P3_ONLY)");
        assertThat(result.out()).isEmpty();
    }
}
