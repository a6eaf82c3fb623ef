package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.octt.core.spi.Verdict;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

class ConsoleOutputTests {

    private static final String[] ARGS = {"run", ID, "--url", "wss://csms.example.com/ocpp/CP001"};

    private static CliEnvironment env(boolean terminal, Map<String, String> variables) {
        return TestEnvironments.with(new FakeRunService(Map.of(ID, Verdict.FAILED))).withTerminal(terminal)
                .withEnv(variables);
    }

    @Test
    void printsNoColourWhenStdoutIsNotATerminal() {
        Cli.Result result = Cli.run(env(false, Map.of(CliEnvironment.PASSWORD_ENV, "pw")), ARGS);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).contains("FAILED").doesNotContain("\u001b[");
    }

    @Test
    void printsNoColourOnATerminalWhenNoColorIsSet() {
        Cli.Result result = Cli.run(env(true, Map.of(CliEnvironment.PASSWORD_ENV, "pw", "NO_COLOR", "1")), ARGS);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).contains("FAILED").doesNotContain("\u001b[3", "\u001b[1;31m");
    }

    @Test
    void coloursVerdictsOnATerminal() {
        Cli.Result result = Cli.run(env(true, Map.of(CliEnvironment.PASSWORD_ENV, "pw")), ARGS);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).contains("\u001b[1;31mFAILED\u001b[0m");
    }

    @Test
    void replacesTheRunningLineOfAStepInPlaceOnATerminal() {
        Cli.Result result = Cli.run(env(true, Map.of(CliEnvironment.PASSWORD_ENV, "pw", "NO_COLOR", "1")), ARGS);
        assertThat(result.out()).contains("running     fake-step  A fake step\r\u001b[2K  FAILED        fake-step  (42 ms)");
    }

    @Test
    void printsAStepLineThenTheTableOfChecksThenTheSummary() {
        Cli.Result result = Cli.run(env(false, Map.of(CliEnvironment.PASSWORD_ENV, "pw")), ARGS);
        String out = result.out();
        assertThat(out).containsSubsequence(
                "TC_FAKE_001  A fake test case",
                "  target: wss://csms.example.com/ocpp/CP001",
                "  FAILED        fake-step  (42 ms)",
                "TC_FAKE_001  FAILED  (50 ms, wss://csms.example.com/ocpp/CP001)",
                "  CHECK       VERDICT       MESSAGE",
                "  fake.check  FAILED        the fake check was FAILED",
                "warning: a fake warning",
                "Result: FAILED  1 test case run: 0 passed, 1 failed, 0 inconclusive in 60 ms");
        assertThat(out).doesNotContain("running");
    }

    @Test
    void printsEachCheckAsReportedWhenVerbose() {
        String[] args = {"run", ID, "--url", "wss://csms.example.com/ocpp/CP001", "-v"};
        Cli.Result result = Cli.run(env(false, Map.of(CliEnvironment.PASSWORD_ENV, "pw")), args);
        assertThat(result.out()).containsSubsequence("      FAILED         fake.check: the fake check was FAILED",
                "  FAILED        fake-step  (42 ms)");
    }

    @Test
    void notesAnInsecureRunInTheTable() {
        String[] args = {"run", ID, "--url", "wss://csms.example.com/ocpp/CP001", "--insecure"};
        Cli.Result result = Cli.run(env(false, Map.of(CliEnvironment.PASSWORD_ENV, "pw")), args);
        assertThat(result.out()).contains("ran with --insecure");
    }
}
