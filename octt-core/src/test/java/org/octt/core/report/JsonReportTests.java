package org.octt.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.octt.core.Version;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.spi.Target;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTests {

    private static JsonNode write(RunResult result) throws IOException {
        StringWriter out = new StringWriter();
        JsonReport.write(result, out);
        assertThat(out.toString()).doesNotContain(ReportFixtures.PASSWORD);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void writesEveryDocumentedFieldInAShapeJacksonReadsBack() throws IOException {
        JsonNode root = write(ReportFixtures.run());

        assertThat(fieldNames(root)).containsExactly("schemaVersion", "tool", "startedAt", "durationMs", "verdict", "cancelled",
                "notRun", "notRunTestCases", "target", "targets", "testCases");
        assertThat(root.get("schemaVersion").asText()).isEqualTo("2");
        assertThat(root.at("/tool/name").asText()).isEqualTo("octt");
        assertThat(root.at("/tool/version").asText()).isEqualTo(Version.current()).isNotEqualTo("unknown");
        assertThat(Instant.parse(root.get("startedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(root.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(root.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(root.get("cancelled").asBoolean()).isFalse();
        assertThat(root.get("notRun")).isEmpty();
        assertThat(root.at("/target/url").asText()).isEqualTo("wss://csms.example.com:8443/ocpp/CP001");
        assertThat(root.at("/target/connectTo").asText()).isEqualTo("127.0.0.1:9443");
        assertThat(root.get("targets")).extracting(JsonNode::asText).containsExactly("wss://csms.example.com:8443/ocpp/CP001");

        JsonNode tc = root.at("/testCases/0");
        assertThat(fieldNames(tc)).containsExactly("id", "title", "target", "verdict", "reasons", "startedAt",
                "durationMs", "insecure", "checks", "steps", "messageLog");
        assertThat(tc.get("id").asText()).isEqualTo("TC_086_CSMS");
        assertThat(tc.get("title").asText()).isEqualTo("TLS - server-side certificate - Valid certificate");
        assertThat(tc.at("/target/connectTo").asText()).isEqualTo("127.0.0.1:9443");
        assertThat(tc.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(tc.get("reasons")).extracting(JsonNode::asText).containsExactly(
                "tls.cipher: " + ReportFixtures.NASTY, "ocpp-connect: connection refused");
        assertThat(tc.get("insecure").asBoolean()).isFalse();

        JsonNode checks = tc.get("checks");
        assertThat(checks).extracting(c -> c.get("id").asText()).containsExactly("tls.version", "tls.cipher", "cert.fqdn");
        assertThat(fieldNames(checks.get(0))).containsExactly("id", "step", "verdict", "message", "warnings", "evidence");
        assertThat(checks.get(0).get("step").asText()).isEqualTo("tls-handshake");
        assertThat(checks.get(0).get("warnings")).extracting(JsonNode::asText).containsExactly("also accepts TLS 1.1");
        assertThat(checks.get(0).at("/evidence/protocol").asText()).isEqualTo("TLSv1.2");
        assertThat(checks.get(1).get("verdict").asText()).isEqualTo("FAILED");
        assertThat(checks.get(1).get("message").asText()).isEqualTo(ReportFixtures.NASTY);
        assertThat(checks.get(1).at("/evidence/offered")).extracting(JsonNode::asText).containsExactly("A", "B");
        assertThat(checks.get(1).at("/evidence/keyBits").asInt()).isEqualTo(1024);
        assertThat(fieldNames(checks.get(1).get("evidence"))).as("the log moved to the test case")
                .containsExactly("offered", "keyBits");
        assertThat(checks.get(2).get("verdict").asText()).isEqualTo("SKIPPED");

        JsonNode steps = tc.get("steps");
        assertThat(fieldNames(steps.get(0))).containsExactly("name", "description", "verdict", "reason", "durationMs", "checks");
        assertThat(steps).extracting(s -> s.get("name").asText() + "=" + s.get("verdict").asText())
                .containsExactly("tls-handshake=FAILED", "ocpp-connect=INCONCLUSIVE", "boot=SKIPPED");
        assertThat(steps.get(0).get("checks")).extracting(JsonNode::asText)
                .containsExactly("tls.version", "tls.cipher", "cert.fqdn");
        assertThat(steps.get(1).get("reason").asText()).isEqualTo("connection refused");
        assertThat(steps.get(2).get("reason").asText())
                .isEqualTo("not run: step 'ocpp-connect' could not go on: connection refused");

        JsonNode log = tc.get("messageLog");
        assertThat(fieldNames(log.get(0))).containsExactly("step", "check", "dir", "time", "frame");
        assertThat(log).extracting(e -> e.get("step").asText() + " " + e.get("check").asText() + " "
                        + e.get("dir").asText() + " " + e.get("time").asText())
                .containsExactly("tls-handshake tls.cipher SENT 2025-06-01T10:15:30.100Z",
                        "tls-handshake tls.cipher RECEIVED 2025-06-01T10:15:30.150Z",
                        "tls-handshake tls.cipher RECEIVED 2025-06-01T10:15:30.200Z");
        assertThat(log).extracting(e -> e.get("frame").asText()).containsExactly(
                "GET /ocpp/CP001 HTTP/1.1\nAuthorization: Basic **** (user CP001)",
                "HTTP/1.1 101 Switching Protocols\nsec-websocket-protocol: ocpp1.6",
                "[3,\"1\",{\"note\":\"<b> & \u0001\"}]");
    }

    @Test
    void namesTheTargetAndTheTestCasesNotRunWhenACancelledRunFinishedNone() throws IOException {
        RunResult cancelled = RunResult.of(Instant.parse("2025-01-02T03:04:05Z"), Duration.ofMillis(1500), List.of(),
                true, List.of(NotRun.cancelled("TC_086_CSMS", "TLS", Target.parse("wss://a.example.com/ocpp/CP1")),
                NotRun.cancelled("TC_086_CSMS", "TLS", Target.parse("wss://b.example.com/ocpp/CP1"))));

        JsonNode root = write(cancelled);

        assertThat(root.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(root.get("cancelled").asBoolean()).isTrue();
        assertThat(root.get("durationMs").asLong()).isEqualTo(1500);
        assertThat(root.get("startedAt").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(root.get("notRun")).extracting(JsonNode::asText).containsExactly(
                "TC_086_CSMS @ wss://a.example.com/ocpp/CP1", "TC_086_CSMS @ wss://b.example.com/ocpp/CP1");
        assertThat(root.at("/target/url").asText()).isEqualTo("wss://a.example.com/ocpp/CP1");
        assertThat(root.get("targets")).extracting(JsonNode::asText)
                .containsExactly("wss://a.example.com/ocpp/CP1", "wss://b.example.com/ocpp/CP1");
        assertThat(root.get("testCases")).isEmpty();
    }

    @Test
    void listsNotApplicableTestCasesWithTheirReasonWithoutChangingTheVerdict() throws IOException {
        RunResult finished = ReportFixtures.run();
        Target target = finished.testCases().get(0).target();
        RunResult result = RunResult.of(finished.startedAt(), finished.duration(), finished.testCases(), false,
                List.of(NotRun.notApplicable("TC_P3", "Profile 3 card", target,
                        "applies to security profile 3, the target is configured with profile 2")));

        JsonNode root = write(result);

        assertThat(root.get("verdict").asText()).isEqualTo(finished.verdict().name());
        assertThat(root.get("notRun")).as("only the cancelled ones, as before").isEmpty();
        JsonNode n = root.at("/notRunTestCases/0");
        assertThat(fieldNames(n)).containsExactly("id", "title", "target", "kind", "reason");
        assertThat(n.get("id").asText()).isEqualTo("TC_P3");
        assertThat(n.get("title").asText()).isEqualTo("Profile 3 card");
        assertThat(n.at("/target/url").asText()).isEqualTo("wss://csms.example.com:8443/ocpp/CP001");
        assertThat(n.get("kind").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(n.get("reason").asText()).isEqualTo("applies to security profile 3, the target is configured with profile 2");
        assertThat(root.get("notRunTestCases")).hasSize(1);
    }

    @Test
    void namesThePlansFirstTargetAndListsTargetsInPlanOrderWhateverFinished() throws IOException {
        RunResult finished = ReportFixtures.run(); // one result, against csms.example.com
        Target first = Target.parse("wss://a.example.com/ocpp/CP1");
        RunResult result = RunResult.of(finished.startedAt(), finished.duration(), finished.testCases(), true,
                List.of(NotRun.cancelled("TC_086_CSMS", "TLS", Target.parse("wss://a.example.com/ocpp/CP1"))),
                List.of(first, finished.testCases().get(0).target()));

        JsonNode root = write(result);

        assertThat(root.at("/target/url").asText()).isEqualTo("wss://a.example.com/ocpp/CP1");
        assertThat(root.at("/target/connectTo").isMissingNode()).isTrue();
        assertThat(root.get("targets")).extracting(JsonNode::asText)
                .containsExactly("wss://a.example.com/ocpp/CP1", "wss://csms.example.com:8443/ocpp/CP001");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
