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
}
