package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.StepResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the console shows an operator action ({@link RunEvent.ActionRequested}): one line with the deadline where
 * stdout is not a terminal; on a terminal the action and a countdown replaced in place until the next event.
 */
class ActionConsoleTests {

    private static final Instant AT = Instant.parse("2026-12-01T10:15:00Z");
    private static final Target TARGET = Target.parse("wss://csms.example.com/ocpp/CP001");

    private static RunEvent.ActionRequested requested(String text) {
        OperatorAction action = OperatorAction.of("change-authorization-key", text, "ChangeConfiguration",
                Duration.ofSeconds(60)).forRun("TC_073_CSMS", Optional.of("CP001"), AT.plusSeconds(60));
        return new RunEvent.ActionRequested(AT, TARGET, "TC_073_CSMS", "change-key", action);
    }

    private static RunEvent.StepFinished finished() {
        return new RunEvent.StepFinished(AT.plusSeconds(5), TARGET, "TC_073_CSMS",
                StepResult.of("change-key", "the key is changed", Verdict.PASSED, "", Duration.ofSeconds(5), List.of()));
    }

    private static ConsoleReporter console(StringWriter out, boolean terminal) {
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(out), false, terminal, false, 1000);
        console.onEvent(new RunEvent.RunStarted(AT, 1, 1));
        return console;
    }

    @Test
    void elsewhereTheActionIsOneLineWithItsDeadline() {
        StringWriter out = new StringWriter();
        ConsoleReporter console = console(out, false);

        console.onEvent(requested("make the Central System send ChangeConfiguration.req with key AuthorizationKey to CP001"));
        console.tick(AT.plusSeconds(3)); // no countdown where nobody can see it replaced

        assertThat(out.toString()).isEqualTo("  ACTION        TC_073_CSMS.change-authorization-key for CP001: make the"
                + " Central System send ChangeConfiguration.req with key AuthorizationKey to CP001 (waiting for"
                + " ChangeConfiguration.req until 2026-12-01T10:16:00Z)\n");
    }

    @Test
    void onATerminalACountdownIsUpdatedInPlaceUntilTheNextEvent() {
        StringWriter out = new StringWriter();
        ConsoleReporter console = console(out, true);

        console.onEvent(requested("make the Central System send ChangeConfiguration.req to CP001"));
        console.tick(AT.plusSeconds(3));
        console.onEvent(finished());
        console.tick(AT.plusSeconds(6)); // after the next event: nothing more

        String countdown = " ".repeat(16) + "waiting for ChangeConfiguration.req: %d s left (until 2026-12-01T10:16:00Z)";
        assertThat(out.toString()).isEqualTo("  ACTION        TC_073_CSMS.change-authorization-key for CP001: make the"
                + " Central System send ChangeConfiguration.req to CP001\n"
                + "\r\u001b[2K" + countdown.formatted(60)
                + "\r\u001b[2K" + countdown.formatted(57)
                + "\r\u001b[2K" + "  PASSED        change-key  (5.0 s)\n");
    }

    @Test
    void aHostileActionTextIsEscaped() {
        StringWriter out = new StringWriter();
        ConsoleReporter console = console(out, false);

        console.onEvent(requested("send it\u001b[2J\nnow\u202e"));

        assertThat(out.toString()).contains("for CP001: send it\\x1b[2J\\nnow\\u202e (waiting for")
                .doesNotContain("\u001b");
    }

    @Test
    void inAFleetRunWithALongPrefixTheTextGoesBelowItInsteadOfANarrowColumn() {
        StringWriter out = new StringWriter();
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(out), false, false, false, 100);
        console.onEvent(new RunEvent.RunStarted(AT, 2, 2));
        Target far = Target.parse("wss://a-rather-long-central-system-name.example.com:8443/ocpp/CP001");
        OperatorAction action = OperatorAction.of("change-authorization-key", "make the Central System send"
                + " ChangeConfiguration.req with key AuthorizationKey to CP001", "ChangeConfiguration",
                Duration.ofSeconds(60)).forRun("TC_073_CSMS", Optional.of("CP001"), AT.plusSeconds(60));

        out.getBuffer().setLength(0); // what the run's start printed
        console.onEvent(new RunEvent.ActionRequested(AT, far, "TC_073_CSMS", "change-key", action));

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("[TC_073_CSMS @ wss://a-rather-long-central-system-name.example.com:8443")
                .endsWith("ACTION");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("    ").hasSizeLessThanOrEqualTo(100));
        assertThat(String.join(" ", lines.subList(1, lines.size()).stream().map(String::trim).toList()))
                .isEqualTo("TC_073_CSMS.change-authorization-key for CP001: make the Central System send"
                        + " ChangeConfiguration.req with key AuthorizationKey to CP001 (waiting for"
                        + " ChangeConfiguration.req until 2026-12-01T10:16:00Z)");
    }
}
