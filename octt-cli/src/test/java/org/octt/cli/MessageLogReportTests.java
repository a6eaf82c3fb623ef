package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.tc086.Tc086TestCase;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.testsupport.ReportSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message log in the reports of a real run of TC_086_CSMS against the reference Central
 * System: the HTTP upgrade and the OCPP-J frames in the JSON report (valid against its schema) and
 * as each check's system-out in the JUnit XML, and the Basic auth password in neither.
 */
@Timeout(60)
class MessageLogReportTests {

    private static final String CS_PASSWORD = "Known-Passw0rd-4711-cs";
    private static final String WRONG_PASSWORD = "Known-Passw0rd-4711-wrong";

    @TempDir
    Path dir;

    private record Run(Cli.Result result, String json, String junit) {
    }

    private Run run(RunningCentralSystem cs, ReferencePki pki, String password) throws IOException {
        CliEnvironment env = new CliEnvironment(RunService.engine(), pluginDir -> new TestCatalog.Catalog(List.of(
                DiscoveredTestCase.of(new Tc086TestCase(), "classpath (octt-tc086)")), List.of()),
                Map.of(), Optional.empty(), false, Interrupts.NONE);
        Path ca = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
        Path passwordFile = Files.writeString(dir.resolve("password"), password + "\n");
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        Cli.Result result = Cli.run(env, "run", Tc086TestCase.ID, "--url", cs.url().toString(),
                "--resolve", cs.hostName() + ":" + cs.port() + ":127.0.0.1", "--ca-file", ca.toString(),
                "--basic-auth-password-file", passwordFile.toString(), "--timeout", "5s",
                "--report-json", json.toString(), "--report-junit", junit.toString());
        return new Run(result, Files.readString(json), Files.readString(junit));
    }

    private static List<JsonNode> log(JsonNode report) {
        List<JsonNode> entries = new ArrayList<>();
        report.at("/testCases/0/messageLog").forEach(entries::add);
        return entries;
    }

    @Test
    void aPassingRunHasTheUpgradeAndEveryFrameInBothReportsAndThePasswordInNeither() throws IOException {
        ReferencePki pki = ReferencePki.generate();
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).password(CS_PASSWORD).build().start()) {
            Run run = run(cs, pki, CS_PASSWORD);

            assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.PASSED);
            assertThat(ReportSchema.violations(run.json())).isEmpty();
            JsonNode report = new ObjectMapper().readTree(run.json());
            List<JsonNode> log = log(report);
            assertThat(log).extracting(e -> e.get("check").asText() + " " + e.get("dir").asText())
                    .startsWith("ws.upgrade SENT", "ws.upgrade RECEIVED",
                            "ocpp.boot-notification SENT", "ocpp.boot-notification RECEIVED")
                    .contains("ocpp.status-notification SENT", "ocpp.status-notification RECEIVED");
            assertThat(log.get(0).get("frame").asText()).startsWith("GET /ocpp/CP001 HTTP/1.1")
                    .contains("Authorization: Basic **** (user CP001)");
            assertThat(log.get(1).get("frame").asText()).startsWith("HTTP/1.1 101 Switching Protocols");
            assertThat(log.get(2).get("frame").asText()).startsWith("[2,").contains("\"BootNotification\"");
            assertThat(log).extracting(e -> e.get("time").asText())
                    .isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
            report.at("/testCases/0/checks").forEach(c ->
                    assertThat(c.get("evidence").has("messageLog")).as(c.get("id").asText()).isFalse());

            assertThat(run.junit()).containsPattern(
                    "<testcase name=\"ws.upgrade\"[^>]*>\\s*<system-out>\\S+Z  &gt;&gt;  GET /ocpp/CP001 HTTP/1.1\n");
            assertThat(run.junit()).contains("  &lt;&lt;  HTTP/1.1 101 Switching Protocols",
                    "Authorization: Basic **** (user CP001)");
            assertThat(run.json() + run.junit() + run.result().out() + run.result().err()).doesNotContain(CS_PASSWORD);
        }
    }

    @Test
    void aRefusedUpgradeHasTheRequestAndThe401InTheReportsAndThePasswordSentInNeither() throws IOException {
        ReferencePki pki = ReferencePki.generate();
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).password(CS_PASSWORD).build().start()) {
            Run run = run(cs, pki, WRONG_PASSWORD);

            assertThat(run.result().exitCode()).as(run.result().toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(ReportSchema.violations(run.json())).isEmpty();
            List<JsonNode> log = log(new ObjectMapper().readTree(run.json()));
            assertThat(log).extracting(e -> e.get("check").asText() + " " + e.get("dir").asText())
                    .containsExactly("ws.upgrade SENT", "ws.upgrade RECEIVED");
            assertThat(log.get(0).get("frame").asText()).contains("Authorization: Basic **** (user CP001)");
            assertThat(log.get(1).get("frame").asText()).startsWith("HTTP/1.1 401");
            assertThat(run.junit()).contains("  &lt;&lt;  HTTP/1.1 401");
            assertThat(run.json() + run.junit() + run.result().out() + run.result().err())
                    .doesNotContain(WRONG_PASSWORD, CS_PASSWORD);
        }
    }
}
