package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An internationalised host name through the CLI with the real engine and TC_086_CSMS: the
 * reference Central System's certificate names the A-label form only, so the run passes only if
 * the A-labels are what is sent as SNI and Host and checked against the certificate.
 */
@Timeout(60)
class InternationalHostNameRunTests {

    private static final String A_LABELS = "xn--bcher-kva.example";

    @Test
    void connectsChecksAndReportsAnInternationalisedHostByItsALabels(@TempDir Path dir) throws IOException {
        ReferencePki pki = ReferencePki.generate();
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).hostName(A_LABELS)
                .password("idn-password-0123").build().start()) {
            Path ca = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
            Path password = Files.writeString(dir.resolve("password"), "idn-password-0123\n");
            Path json = dir.resolve("report.json");
            Cli.Result r = Cli.run(CliEnvironment.system(), "run", "TC_086_CSMS",
                    "--url", "wss://bücher.example:" + cs.port() + "/ocpp/" + cs.chargePointId(),
                    "--resolve", "bücher.example:" + cs.port() + ":127.0.0.1",
                    "--ca-file", ca.toString(), "--basic-auth-password-file", password.toString(),
                    "--timeout", "10s", "--report-json", json.toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PASSED);
            assertThat(r.out()).contains("target: wss://" + A_LABELS + ":" + cs.port() + "/ocpp/" + cs.chargePointId()
                    + " (bücher.example) (connect to 127.0.0.1:" + cs.port() + ")");
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            assertThat(report.get("targets")).extracting(JsonNode::asText)
                    .containsExactly("wss://" + A_LABELS + ":" + cs.port() + "/ocpp/" + cs.chargePointId());
        }
    }
}
