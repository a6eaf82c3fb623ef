package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.plugin.DiscoveredTestCase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code octt demo --suite NAME}: a reference Central System per security profile, the suite run against both in
 * one run, each performing the operator actions of the test cases run against it.
 */
@Timeout(180)
class DemoSuiteTests {

    private static final Pattern STARTED = Pattern.compile(
            "Reference Central System, security profile ([23]), at (wss://csms\\.octt\\.test:[0-9]+/ocpp/CP001) \\(listening"
                    + " on 127\\.0\\.0\\.1:[0-9]+\\)");

    @Test
    void theSecuritySuiteRunsEveryCardAgainstTheProfilesItAppliesTo(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("suite.json");

        Cli.Result r = Cli.run(DemoCommandTests.real(), "demo", "--suite", "ocpp16-security", "--report-json",
                json.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> urls = new ArrayList<>();
        Matcher m = STARTED.matcher(r.out());
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo(Integer.toString(2 + urls.size()));
            urls.add(m.group(2));
        }
        assertThat(urls).hasSize(2);
        assertThat(r.out()).contains("$ OCTT_BASIC_AUTH_PASSWORD=<password, in memory> octt run --suite ocpp16-security"
                        + " --targets <targets.csv, in memory> --ca-file <csms-root.pem, in memory> --client-ca-cert"
                        + " <charge-point-ca.pem, in memory> --client-ca-key <charge-point-ca.key, in memory> --timeout 2s"
                        + " --report-json " + json)
                .contains("not applicable  TC_087_CSMS @ " + urls.get(0) + ": ")
                .contains("not applicable  TC_085_CSMS @ " + urls.get(1) + ": ")
                .doesNotContain("Not served:").doesNotContain("demo:");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Set<String> ran = new TreeSet<>();
        for (JsonNode t : report.at("/testCases")) {
            assertThat(t.get("verdict").asText()).as(t.get("id").asText()).isEqualTo("PASSED");
            ran.add(t.get("id").asText());
        }
        Set<String> suite = new TreeSet<>(TestSelection.builtInSuites(DemoCommandTests.real().catalog()
                .load(java.util.Optional.empty()).testCases()).get("ocpp16-security"));
        assertThat(ran).as("every card of the suite ran against a profile it applies to").isEqualTo(suite);
    }

    @Test
    void eachReferenceCentralSystemHandlesTheActionsOfItsTarget() {
        CliEnvironment env = DemoCommandTests.real().withCatalog(pluginDir -> new TestCatalog.Catalog(List.of(
                DiscoveredTestCase.of(new ActionCard(), "classpath (test-classes)")), List.of()));

        Cli.Result r = Cli.run(env, "demo", "--suite", ActionCard.SUITE);

        // the demo's reference Central Systems know the built-in actions only: each says so for its own target,
        // at once (no wait for a person), which shows that the run's handler is the reference Central System's
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        List<String> urls = new ArrayList<>();
        Matcher m = STARTED.matcher(r.out());
        while (m.find()) {
            urls.add(m.group(2));
        }
        assertThat(urls).hasSize(2);
        for (String url : urls) {
            assertThat(r.out()).contains("[TC_FAKE_ACTION @ " + url + " (connect to 127.0.0.1:" + url.substring(
                    "wss://csms.octt.test:".length(), url.indexOf("/ocpp")) + ")]  ACTION        TC_FAKE_ACTION"
                    + ".trigger-heartbeat for CP001: make the Central System send TriggerMessage.req with requestedMessage"
                    + " Heartbeat to CP001 (waiting for TriggerMessage.req until ");
        }
        assertThat(r.out()).contains("no TriggerMessage.req: the action TC_FAKE_ACTION.trigger-heartbeat could not be"
                + " triggered: the reference Central System could not perform TC_FAKE_ACTION.trigger-heartbeat: the"
                + " reference Central System cannot perform action 'TC_FAKE_ACTION.trigger-heartbeat'; it can: ");
    }

    @Test
    void withoutASuiteTheOneReferenceCentralSystemHandlesTheActions() {
        CliEnvironment env = DemoCommandTests.real().withCatalog(pluginDir -> new TestCatalog.Catalog(List.of(
                DiscoveredTestCase.of(new ActionCard(), "classpath (test-classes)")), List.of()));

        Cli.Result r = Cli.run(env, "demo", "--test-case", ActionCard.ID);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("  ACTION        TC_FAKE_ACTION.trigger-heartbeat for CP001: ")
                .contains("could not be triggered: the reference Central System could not perform"
                        + " TC_FAKE_ACTION.trigger-heartbeat: the reference Central System cannot perform action");
    }

    @Test
    void aSuiteThatAProfileCannotServeIsNamedFirst() {
        Cli.Result r = Cli.run(DemoCommandTests.real(), "demo", "--suite", "ocpp16-security", "--security-profile", "3",
                "--fault", "boot-rejected");

        assertThat(r.out()).as(r.toString()).contains("Not served: TC_085_CSMS (security profile 1, 2),")
                .contains("X_BASIC_AUTH_INVALID_CSMS (security profile 1, 2), TC_073_CSMS (security profile 1, 2),"
                        + " TC_083_CSMS (security profile 1, 2): this demo runs security profile 3 (the reference Central"
                        + " System serves TLS only: no profile 1, plain ws://)");
        assertThat(STARTED.matcher(r.out()).results().count()).isEqualTo(1);
    }

    @Test
    void anUnknownSuiteIsAUsageErrorListingTheKnownOnes() {
        Cli.Result r = Cli.run(DemoCommandTests.real(), "demo", "--suite", "no-such-suite");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("octt demo: --suite: unknown suite 'no-such-suite' (known: ").contains("ocpp16-security");
    }

    @Test
    void aSuiteWithTestCasesIsAUsageError() {
        Cli.Result r = Cli.run(DemoCommandTests.real(), "demo", "--suite", "ocpp16-security", "--test-case", "TC_086_CSMS");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("octt demo: --suite and --test-case exclude each other, was: --suite"
                + " ocpp16-security --test-case TC_086_CSMS");
    }
}
