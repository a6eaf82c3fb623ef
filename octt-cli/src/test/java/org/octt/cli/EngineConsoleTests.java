package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console and the reports of a multi-step test case run through the real engine. */
@Timeout(30)
class EngineConsoleTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";

    private static final ScriptedTestCase MULTI_STEP = new ScriptedTestCase("TC_MULTI", "A test case of five steps",
            Step.of("connect", "Open a connection", ctx -> Flux.just(CheckResult.passed("connect.tls", "TLS 1.2 handshake completed"))),
            Step.of("versions", "Offer each TLS version", ctx -> Flux.just(
                    CheckResult.passed("tls.v12", "accepts TLS 1.2").withWarning("also accepts TLS 1.1"),
                    CheckResult.failed("tls.cipher", "expected TLS_RSA_WITH_AES_128_GCM_SHA256 to be accepted, was refused;"
                            + " enable AES128-GCM-SHA256"))),
            Step.of("trust", "Compare the certificate", ctx -> Flux.just(
                    CheckResult.skipped("cert.fqdn", "no certificate to compare"))),
            Step.of("boot", "Send BootNotification", java.util.List.of("boot.accepted"),
                    ctx -> Flux.error(new StepAbortedException("the server closed the connection"))),
            Step.of("heartbeat", "Send Heartbeat", ctx -> Flux.just(CheckResult.passed("heartbeat.ok", "answered"))));

    private static Cli.Result run(boolean terminal, String... more) {
        CliEnvironment env = TestEnvironments.engine(MULTI_STEP).withTerminal(terminal)
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "password-of-20-chars", "NO_COLOR", "1"));
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"run", "TC_MULTI", "--url", URL}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(env, args);
    }

    /** Durations vary from run to run: {@code 3 ms} and {@code 1.2 s} become {@code T}. */
    private static String normalized(String out) {
        return out.replaceAll("\\b\\d+(\\.\\d+)? m?s\\b", "T").replace(System.lineSeparator(), "\n");
    }

    @Test
    void printsALinePerStepThenTheTableOfChecksThenTheSummary() {
        Cli.Result result = run(false);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        // at the default width of 100: messages wrapped in the MESSAGE column, failed and
        // inconclusive checks first, then what to change
        assertThat(normalized(result.out())).isEqualTo("""
                TC_MULTI  A test case of five steps
                  target: wss://csms.example.com/ocpp/CP001
                  PASSED        connect  (T)
                  FAILED        versions  (T)
                  SKIPPED       trust  (T)
                  INCONCLUSIVE  boot  (T)  the server closed the connection
                  SKIPPED       heartbeat  (T)  not run: step 'boot' could not go on: the server closed the
                                connection

                TC_MULTI  FAILED  (T, wss://csms.example.com/ocpp/CP001)
                  CHECK           VERDICT       MESSAGE
                  tls.cipher      FAILED        expected TLS_RSA_WITH_AES_128_GCM_SHA256 to be accepted, was
                                                refused; enable AES128-GCM-SHA256
                  boot.accepted   INCONCLUSIVE  not evaluated: step 'boot' could not go on: the server closed the
                                                connection
                  connect.tls     PASSED        TLS 1.2 handshake completed
                  tls.v12         PASSED        accepts TLS 1.2
                                                warning: also accepts TLS 1.1
                  cert.fqdn       SKIPPED       no certificate to compare
                  step:heartbeat  SKIPPED       not run: step 'boot' could not go on: the server closed the
                                                connection

                What to change (1 failed check; full text above and in the reports):
                  TC_MULTI  tls.cipher: expected TLS_RSA_WITH_AES_128_GCM_SHA256 to be accepted, was refused;...
                Result: FAILED  1 test case run: 0 passed, 1 failed, 0 inconclusive in T
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void replacesEachRunningStepLineInPlaceOnATerminal() {
        Cli.Result result = run(true);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        String clear = "\r\u001b[2K";
        assertThat(normalized(result.out())).containsSubsequence(
                "  running     connect  Open a connection" + clear + "  PASSED        connect  (T)\n",
                "  running     versions  Offer each TLS version" + clear + "  FAILED        versions  (T)\n",
                "  running     boot  Send BootNotification" + clear + "  INCONCLUSIVE  boot  (T)  the server closed the connection\n",
                clear + "  SKIPPED       heartbeat  (T)  not run: step 'boot' could not go on",
                "\nTC_MULTI  FAILED  (T, wss://csms.example.com/ocpp/CP001)\n");
        assertThat(result.out()).as("no colour with NO_COLOR").doesNotContain("\u001b[3", "\u001b[1;31m");
    }

    @Test
    void printsEachCheckAsTheEngineReportsItWhenVerbose() {
        Cli.Result result = run(false, "--verbose");

        assertThat(normalized(result.out())).containsSubsequence(
                "      PASSED         connect.tls: TLS 1.2 handshake completed\n",
                "  PASSED        connect  (T)\n",
                "      PASSED         tls.v12: accepts TLS 1.2\n",
                "      FAILED         tls.cipher: expected TLS_RSA_WITH_AES_128_GCM_SHA256 to be accepted",
                "  FAILED        versions  (T)\n",
                "  INCONCLUSIVE  boot  (T)");
    }

    @Test
    void writesOcttCoresJsonAndJunitReportsOfTheEnginesResult(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        Path junit = dir.resolve("r.xml");

        Cli.Result result = run(false, "--report-json", json.toString(), "--report-junit", junit.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/tool/name").asText()).isEqualTo("octt");
        assertThat(report.at("/verdict").asText()).isEqualTo("FAILED");
        JsonNode testCase = report.at("/testCases/0");
        assertThat(testCase.at("/id").asText()).isEqualTo("TC_MULTI");
        assertThat(testCase.at("/steps")).extracting(s -> s.at("/name").asText() + "=" + s.at("/verdict").asText())
                .containsExactly("connect=PASSED", "versions=FAILED", "trust=SKIPPED", "boot=INCONCLUSIVE",
                        "heartbeat=SKIPPED");
        assertThat(testCase.at("/checks")).extracting(c -> c.at("/id").asText() + "=" + c.at("/verdict").asText())
                .containsExactly("connect.tls=PASSED", "tls.v12=PASSED", "tls.cipher=FAILED", "cert.fqdn=SKIPPED",
                        "boot.accepted=INCONCLUSIVE");
        assertThat(testCase.at("/reasons").toString()).contains("tls.cipher: expected TLS_RSA_WITH_AES_128_GCM_SHA256",
                "boot: the server closed the connection");
        assertThat(Files.readString(junit)).startsWith("<?xml").contains("<testsuites name=\"octt\"", "tls.cipher",
                "<failure", "<skipped");
    }
}
