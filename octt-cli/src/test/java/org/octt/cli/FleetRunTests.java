package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet run through the CLI with the real engine and TC_086_CSMS: good Central Systems, one that
 * never answers the ClientHello and one that refuses connections. The bad ones cost their own
 * timeout only, the good ones pass, the reports hold every target, the exit code aggregates.
 */
@Timeout(90)
class FleetRunTests {

    static ReferencePki pki;
    static final List<RunningCentralSystem> servers = new ArrayList<>();

    @BeforeAll
    static void start() {
        pki = ReferencePki.generate();
        for (int i = 0; i < 3; i++) {
            servers.add(ReferenceCentralSystem.builder().pki(pki).password("fleet-password-0123").build().start());
        }
        servers.add(ReferenceCentralSystem.builder().pki(pki).password("fleet-password-0123")
                .faults(Fault.NO_TLS_ANSWER).build().start());
    }

    @AfterAll
    static void stop() {
        servers.forEach(RunningCentralSystem::close);
    }

    static String row(String host, int port, String cp) {
        return "wss://" + host + ":" + port + "/ocpp/" + cp + "," + host + ":" + port + ":127.0.0.1";
    }

    @Test
    void hangingAndRefusingTargetsDelayNoOtherTargetAndTheReportsHoldEveryTarget(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        List<String> lines = new ArrayList<>(List.of("url,resolve"));
        for (RunningCentralSystem cs : servers) {
            lines.add(row(cs.hostName(), cs.port(), cs.chargePointId()));
        }
        lines.add(row("csms.octt.test", closedPort, "CP404"));
        Path csv = Files.write(dir.resolve("fleet.csv"), lines);
        Path ca = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
        Path password = Files.writeString(dir.resolve("password"), "fleet-password-0123\n");
        Path json = dir.resolve("fleet.json");
        Path junit = dir.resolve("fleet.xml");

        long start = System.nanoTime();
        Cli.Result r = Cli.run(CliEnvironment.system(), "run", "TC_086_CSMS", "--targets", csv.toString(),
                "--ca-file", ca.toString(), "--basic-auth-password-file", password.toString(),
                "--timeout", "2s", "--concurrency", "5", "--report-json", json.toString(),
                "--report-junit", junit.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000;

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3); // inconclusive targets, none failed
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Map<String, String> verdictByUrl = new HashMap<>();
        for (JsonNode tc : report.get("testCases")) {
            verdictByUrl.put(tc.at("/target/url").asText(), tc.get("verdict").asText());
        }
        assertThat(verdictByUrl).hasSize(5);
        for (int i = 0; i < 3; i++) {
            assertThat(verdictByUrl).containsEntry(servers.get(i).url().toString(), "PASSED");
        }
        assertThat(verdictByUrl).containsEntry(servers.get(3).url().toString(), "INCONCLUSIVE");
        assertThat(verdictByUrl).containsEntry("wss://csms.octt.test:" + closedPort + "/ocpp/CP404", "INCONCLUSIVE");
        assertThat(Files.readString(junit)).contains("CP404");
        // the hanging target costs one 2 s timeout, concurrently with the others
        assertThat(seconds).isLessThan(10);
        assertThat(r.out() + r.err()).doesNotContain("fleet-password-0123");
    }

    @Test
    void runsAYamlTargetsFileAndTheReportTiesEachResultToItsTarget(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RunningCentralSystem a = servers.get(0);
        RunningCentralSystem b = servers.get(1);
        Files.createDirectories(dir.resolve("fleet/secrets"));
        Files.writeString(dir.resolve("fleet/secrets/a.password"), "fleet-password-0123\n");
        Path yaml = Files.writeString(dir.resolve("fleet/fleet.yaml"), """
                # two good Central Systems and one that refuses connections
                targets:
                  - url: wss://%1$s:%2$d/ocpp/%3$s
                    resolve: %1$s:%2$d:127.0.0.1
                    security-profile: 2
                    basic-auth-password-file: secrets/a.password
                  - url: wss://%4$s:%5$d/ocpp/%6$s
                    resolve: "%4$s:%5$d:127.0.0.1"
                  - url: wss://csms.octt.test:%7$d/ocpp/CP404
                    resolve: csms.octt.test:%7$d:127.0.0.1
                """.formatted(a.hostName(), a.port(), a.chargePointId(), b.hostName(), b.port(), b.chargePointId(),
                closedPort));
        Path ca = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
        Path password = Files.writeString(dir.resolve("password"), "fleet-password-0123\n");
        Path json = dir.resolve("fleet.json");

        Cli.Result r = Cli.run(CliEnvironment.system(), "run", "TC_086_CSMS", "--targets", yaml.toString(),
                "--ca-file", ca.toString(), "--basic-auth-password-file", password.toString(),
                "--timeout", "2s", "--report-json", json.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3); // the refusing target is inconclusive, none failed
        assertThat(r.out()).contains("running 1 test case against 3 targets",
                "PASSED        TC_086_CSMS @ " + a.url(), "PASSED        TC_086_CSMS @ " + b.url(),
                "INCONCLUSIVE  TC_086_CSMS @ wss://csms.octt.test:" + closedPort + "/ocpp/CP404");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Map<String, String> verdictByTarget = new HashMap<>();
        for (JsonNode tc : report.get("testCases")) {
            verdictByTarget.put(tc.at("/target/url").asText() + " -> " + tc.at("/target/connectTo").asText(),
                    tc.get("verdict").asText());
        }
        assertThat(verdictByTarget).containsOnly(
                Map.entry(a.url() + " -> 127.0.0.1:" + a.port(), "PASSED"),
                Map.entry(b.url() + " -> 127.0.0.1:" + b.port(), "PASSED"),
                Map.entry("wss://csms.octt.test:" + closedPort + "/ocpp/CP404 -> 127.0.0.1:" + closedPort, "INCONCLUSIVE"));
        assertThat(report.get("targets")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a.url().toString(),
                b.url().toString(), "wss://csms.octt.test:" + closedPort + "/ocpp/CP404");
        assertThat(r.out() + r.err()).doesNotContain("fleet-password-0123");
    }
}
