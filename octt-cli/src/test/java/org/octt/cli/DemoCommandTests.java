package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code octt demo} end to end: the real engine, TC_086_CSMS from discovery, the reference Central System. */
@Timeout(60)
class DemoCommandTests {

    static CliEnvironment real() {
        return CliEnvironment.system().withRunService(RunService.engine())
                .withCatalog(TestCatalog.pluginRegistry(DemoCommandTests.class.getClassLoader()));
    }

    @Test
    void demoPassesAgainstTheReferenceCentralSystemAndWritesReports(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");

        Cli.Result r = Cli.run(real(), "demo", "--report-json", json.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("$ octt run TC_086_CSMS --url wss://csms.octt.test:")
                .contains("--basic-auth-password-file").contains("Result: PASSED");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/testCases/0/id").asText()).isEqualTo("TC_086_CSMS");
        assertThat(report.at("/testCases/0/verdict").asText()).isEqualTo("PASSED");
        assertThat(report.at("/testCases/0/checks").size()).isEqualTo(10);
    }

    @Test
    void demoWithAFaultFailsWithTheReason() {
        Cli.Result r = Cli.run(real(), "demo", "--fault", "cn-mismatch");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("faults: [cn-mismatch]")
                .contains("expected CN=csms.octt.test, seen CN=other-csms.octt.test")
                .contains("Result: FAILED");
    }

    @Test
    void demoWithProfile3UsesAClientCertificate() {
        Cli.Result r = Cli.run(real(), "demo", "--security-profile", "3", "--fault", "tls13-only");

        assertThat(r.out()).as(r.toString()).contains("--client-cert").contains("--client-key")
                .contains("with the client certificate");
        assertThat(r.exitCode()).isEqualTo(1); // tls13-only fails the cipher suites
    }

    @Test
    void unknownFaultIsAUsageErrorListingTheValidNames() {
        Cli.Result r = Cli.run(real(), "demo", "--fault", "no-such-fault");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("no-such-fault").contains("cn-mismatch");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void helpListsEveryFault() {
        Cli.Result r = Cli.run(real(), "demo", "--help");

        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("cn-mismatch").contains("no-tls-answer").contains("legacy-tls");
    }

    @Test
    void demoNeverPrintsThePassword(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Cli.Result r = Cli.run(real(), "demo", "--fault", "wrong-password", "--report-json", json.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("401");
        // the password is random letters and digits, 24 long; no such run appears anywhere
        assertThat(r.out() + r.err() + Files.readString(json)).doesNotContainPattern("Basic [A-Za-z0-9+/=]{20,}");
    }
}
