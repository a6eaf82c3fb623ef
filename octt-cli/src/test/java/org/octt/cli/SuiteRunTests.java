package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.tc086.Tc086TestCase;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suite runs through the CLI and the real engine: a test case whose prerequisites do not apply is
 * listed as not applicable with the reason and changes neither the verdict nor the exit code.
 */
class SuiteRunTests {

    private static final String URL = "wss://csms.example.com:8443/ocpp/CP001";
    private static final String NOT_APPLICABLE = "applies to security profile 3, the target is configured with profile 2";

    @TempDir
    Path dir;

    private static CliEnvironment engine(org.octt.core.spi.TestCase... testCases) {
        return TestEnvironments.engine(testCases).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "suite-run-password-0123"));
    }

    @Test
    void aNotApplicableTestCaseDoesNotChangeTheExitCode() throws IOException {
        ScriptedTestCase passing = new ScriptedTestCase("TC_PASS", "Passes", Step.of("only", "passes",
                c -> Flux.just(CheckResult.passed("only.ok", "fine"))));
        // it would fail if it ran; it must not run against a profile 2 target
        ListAndDescribeTests.ProfileThreeCase failsIfRun = new ListAndDescribeTests.ProfileThreeCase();
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");

        Cli.Result result = Cli.run(engine(passing, failsIfRun), "run", "TC_PASS", "--suite", "profile-3", "--url", URL,
                "--report-json", json.toString(), "--report-junit", junit.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("not applicable  TC_P3_ONLY @ " + URL + ": " + NOT_APPLICABLE,
                "Result: PASSED  1 test case run: 1 passed, 0 failed, 0 inconclusive, 1 not applicable");
        assertThat(result.out()).doesNotContain("must never run", "cancelled");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/verdict").asText()).isEqualTo("PASSED");
        assertThat(report.at("/notRun")).isEmpty();
        assertThat(report.at("/notRunTestCases/0/id").asText()).isEqualTo("TC_P3_ONLY");
        assertThat(report.at("/notRunTestCases/0/kind").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(report.at("/notRunTestCases/0/reason").asText()).isEqualTo(NOT_APPLICABLE);
        assertThat(Files.readString(junit)).contains("failures=\"0\" errors=\"0\" skipped=\"1\"",
                "<testcase name=\"not applicable\"", "<skipped message=\"" + NOT_APPLICABLE + "\"/>");
    }

    @Test
    void aSuiteOfOnlyNotApplicableTestCasesRunsNothingAndExitsZero() {
        Cli.Result result = Cli.run(engine(new ListAndDescribeTests.ProfileThreeCase()), "run", "--suite", "profile-3",
                "--url", URL);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("not applicable  TC_P3_ONLY @ " + URL + ": " + NOT_APPLICABLE,
                "0 test case runs: 0 passed, 0 failed, 0 inconclusive, 1 not applicable");
    }

    @Test
    @Timeout(60)
    void runsABuiltInSuiteEndToEndAgainstTheReferenceCentralSystem() throws IOException {
        ReferencePki pki = ReferencePki.generate();
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).password("suite-password-0123")
                .build().start()) {
            CliEnvironment env = new CliEnvironment(RunService.engine(), pluginDir -> new TestCatalog.Catalog(List.of(
                    DiscoveredTestCase.of(new Tc086TestCase(), "classpath (octt-tc086)"),
                    DiscoveredTestCase.of(new ListAndDescribeTests.ProfileThreeCase(), "p3.jar")), List.of()),
                    Map.of(), Optional.empty(), false, Interrupts.NONE);
            Path ca = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
            Path password = Files.writeString(dir.resolve("password"), "suite-password-0123\n");
            Path config = Files.writeString(dir.resolve("octt.properties"), "option.ocpp.vendor=ACME\n");
            Path json = dir.resolve("suite.json");

            Cli.Result result = Cli.run(env, "run", "--suite", Tc086TestCase.SUITE, "--url", cs.url().toString(),
                    "--resolve", cs.hostName() + ":" + cs.port() + ":127.0.0.1", "--ca-file", ca.toString(),
                    "--basic-auth-password-file", password.toString(), "--timeout", "5s", "--config", config.toString(),
                    "--option", "ocpp.connectors=2", "--report-json", json.toString());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
            assertThat(result.out()).contains("not applicable  TC_P3_ONLY @ " + cs.url() + ": " + NOT_APPLICABLE);
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            assertThat(report.at("/testCases")).hasSize(1);
            assertThat(report.at("/testCases/0/id").asText()).isEqualTo("TC_086_CSMS");
            assertThat(report.at("/testCases/0/verdict").asText()).isEqualTo("PASSED");
            JsonNode status = null;
            for (JsonNode c : report.at("/testCases/0/checks")) {
                if (c.get("id").asText().equals("ocpp.status-notification")) {
                    status = c;
                }
            }
            assertThat(status).as("ocpp.status-notification reported").isNotNull();
            assertThat(status.at("/evidence/connectorIds").toString()).as("--option ocpp.connectors=2").isEqualTo("[0,1,2]");
            assertThat(report.at("/notRunTestCases/0/id").asText()).isEqualTo("TC_P3_ONLY");
            assertThat(report.at("/notRunTestCases/0/kind").asText()).isEqualTo("NOT_APPLICABLE");
            assertThat(result.out() + result.err()).doesNotContain("suite-password-0123");
        }
    }

    @Test
    @Timeout(120)
    void runsTheSecuritySuiteWithProfile2TheBasicAuthCardsAndTc086() throws IOException {
        ReferencePki pki = ReferencePki.generate();
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).password("suite-password-0123")
                .build().start()) {
            CliEnvironment env = new CliEnvironment(RunService.engine(), pluginDir -> new TestCatalog.Catalog(List.of(
                    DiscoveredTestCase.of(new Tc086TestCase(), "classpath (octt-tc086)"),
                    DiscoveredTestCase.of(new org.octt.security16.Tc085TestCase(), "classpath (octt-security16)"),
                    DiscoveredTestCase.of(new org.octt.security16.Tc088TestCase(), "classpath (octt-security16)"),
                    DiscoveredTestCase.of(new org.octt.security16.XBasicAuthInvalidTestCase(), "classpath (octt-security16)")),
                    List.of()), Map.of(), Optional.empty(), false, Interrupts.NONE);
            Path ca = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
            Path password = Files.writeString(dir.resolve("password"), "suite-password-0123\n");
            Path json = dir.resolve("suite.json");

            Cli.Result result = Cli.run(env, "run", "--suite", "ocpp16-security", "--url", cs.url().toString(),
                    "--resolve", cs.hostName() + ":" + cs.port() + ":127.0.0.1", "--ca-file", ca.toString(),
                    "--basic-auth-password-file", password.toString(), "--timeout", "5s", "--report-json", json.toString());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            List<String> ids = new java.util.ArrayList<>();
            report.at("/testCases").forEach(t -> ids.add(t.get("id").asText()));
            assertThat(report.at("/verdict").asText()).isEqualTo("PASSED");
            assertThat(ids)
                    .containsExactly("TC_085_CSMS", "TC_086_CSMS", "TC_088_CSMS", "X_BASIC_AUTH_INVALID_CSMS");
            assertThat(result.out() + result.err()).doesNotContain("suite-password-0123");
        }
    }

    @Test
    void reportsTc086NotApplicableUnderProfile1() {
        Cli.Result result = Cli.run(engine(new Tc086TestCase()), "run", "--suite", "ocpp16-security",
                "--url", "ws://127.0.0.1:9/ocpp/CP001", "--security-profile", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("not applicable  TC_086_CSMS @ ws://127.0.0.1:9/ocpp/CP001: applies to"
                + " security profile 2 or 3, the target is configured with profile 1");
    }
}
