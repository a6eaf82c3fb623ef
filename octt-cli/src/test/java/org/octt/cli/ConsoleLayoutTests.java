package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Flux;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console fits its width: messages wrapped under their check (escapes never split), failed
 * checks first, what to change at the end, colour only on a terminal without NO_COLOR or --no-color.
 */
class ConsoleLayoutTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";
    private static final String LONG = "expected the Central System to refuse TLS 1.1 during the handshake, but it"
            + " accepted it with TLS_RSA_WITH_AES_128_CBC_SHA; disable TLS 1.0 and TLS 1.1 on the server";
    /** A server's text: a terminal title sequence, a bidi override, a line break, all escaped on the console. */
    private static final String HOSTILE = "seen CN=evil\u001b]0;owned\u0007\u001b[2J\u202etxt.exe\nnext"
            + " and then some more words to wrap \u001b\u001b\u001b\u001b\u001b\u001b\u001b\u001b\u001b\u001b\u001b\u001b";
    /** A line holding part of an escape sequence: a backslash at its end, or an escape cut short. */
    private static final Pattern SPLIT_ESCAPE = Pattern.compile("\\\\$|\\\\x[0-9a-f]?$|\\\\u[0-9a-f]{0,3}$");

    private static Cli.Result run(Map<String, String> env, boolean terminal, CheckResult... checks) {
        ScriptedTestCase tc = new ScriptedTestCase("TC_LAYOUT", "Layout", Step.of("probe", "Probe the server",
                c -> Flux.just(checks)));
        return Cli.run(TestEnvironments.engine(tc).withTerminal(terminal).withEnv(withPassword(env)),
                "run", "TC_LAYOUT", "--url", URL);
    }

    private static Map<String, String> withPassword(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put(CliEnvironment.PASSWORD_ENV, "layout-password-0123");
        return all;
    }

    private static List<String> lines(String out) {
        return Arrays.asList(out.split("\r?\n"));
    }

    // --- wrapping

    @Test
    void wrapsAMessageAtColumnsUnderTheMessageColumnAndNoLineIsWider() {
        Cli.Result result = run(Map.of("COLUMNS", "72"), false, CheckResult.failed("tls.v11", LONG),
                CheckResult.passed("tls.v12", "accepts TLS 1.2"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).contains(String.join(System.lineSeparator(),
                "  CHECK    VERDICT       MESSAGE",
                "  tls.v11  FAILED        expected the Central System to refuse TLS 1.1",
                "                         during the handshake, but it accepted it with",
                "                         TLS_RSA_WITH_AES_128_CBC_SHA; disable TLS 1.0",
                "                         and TLS 1.1 on the server",
                "  tls.v12  PASSED        accepts TLS 1.2"));
        assertThat(lines(result.out())).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(72));
    }

    @Test
    void wrapsAtOneHundredColumnsWhenColumnsIsUnsetOrNotANumber() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("COLUMNS", "wide"))) {
            Cli.Result result = run(env, false, CheckResult.failed("tls.v11", LONG));

            assertThat(result.out()).as(env.toString()).contains(String.join(System.lineSeparator(),
                    "  tls.v11  FAILED        expected the Central System to refuse TLS 1.1 during the handshake, but it",
                    "                         accepted it with TLS_RSA_WITH_AES_128_CBC_SHA; disable TLS 1.0 and TLS 1.1",
                    "                         on the server"));
            assertThat(lines(result.out())).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        }
    }

    @Test
    void wrapsAServersControlCharactersAfterEscapingThemAndNeverSplitsAnEscape() {
        for (int columns = 40; columns <= 90; columns++) {
            Cli.Result result = run(Map.of("COLUMNS", Integer.toString(columns)), false,
                    CheckResult.failed("cert.subject-cn", HOSTILE));

            String out = result.out();
            assertThat(out).as("no raw control character").doesNotContain("\u001b", "\u0007", "\u202e");
            // the table and what to change (the heading lines above hold the target URL, unwrapped)
            for (String line : lines(out.substring(out.indexOf("  CHECK")))) {
                assertThat(line.length()).as(columns + ": " + line).isLessThanOrEqualTo(columns);
                assertThat(SPLIT_ESCAPE.matcher(line).find()).as(columns + ": " + line).isFalse();
            }
            String table = out.substring(out.indexOf("  cert.subject-cn"), out.indexOf("What to change"));
            assertThat(table.replaceAll("\\s+", "")).as("every escape whole, in order, at width " + columns)
                    .contains("seenCN=evil\\x1b]0;owned\\x07\\x1b[2J\\u202etxt.exe\\nnextandthensomemorewordstowrap"
                            + "\\x1b".repeat(12));
        }
    }

    @Test
    void cutsTheRunningLineOfAStepToTheWidthSoThatItCanBeReplacedInPlace() {
        ScriptedTestCase tc = new ScriptedTestCase("TC_LAYOUT", "Layout", Step.of("probe",
                "Offer every TLS version from 1.0 to 1.3 with each of the cipher suites the specification requires",
                c -> Flux.just(CheckResult.passed("ok", "fine"))));
        Cli.Result result = Cli.run(TestEnvironments.engine(tc).withTerminal(true)
                .withEnv(withPassword(Map.of("COLUMNS", "60", "NO_COLOR", "1"))), "run", "TC_LAYOUT", "--url", URL);

        assertThat(result.out()).contains("  running     probe  Offer every TLS version from 1.0..."
                + "\r\u001b[2K  PASSED        probe  (");
    }

    // --- order: failed first, what to change

    @Test
    void listsFailedChecksFirstThenInconclusiveThenTheOthersInTheOrderReported() {
        StringWriter out = new StringWriter();
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(out), false, false, false, 100);

        console.printTable(result(URL, CheckResult.passed("a.passed", "fine"), CheckResult.skipped("b.skipped", "not run"),
                CheckResult.failed("c.failed", "wrong"), CheckResult.inconclusive("d.inconclusive", "unknown"),
                CheckResult.failed("e.failed", "wrong too"), CheckResult.passed("f.passed", "fine too")));

        assertThat(lines(out.toString())).filteredOn(l -> l.startsWith("  ") && !l.startsWith("  CHECK"))
                .extracting(l -> l.trim().split(" ")[0])
                .containsExactly("c.failed", "e.failed", "d.inconclusive", "a.passed", "b.skipped", "f.passed");
    }

    @Test
    void endsWithWhatToChangeOneLinePerFailedCheckCutToTheWidthAtMostTen() {
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            checks.add(CheckResult.failed("check." + i, i == 1 ? LONG : "change " + i));
        }
        checks.add(CheckResult.passed("check.ok", "fine"));
        StringWriter out = new StringWriter();
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(out), false, false, false, 80);
        TestCaseResult tc = result(URL, checks.toArray(CheckResult[]::new));

        console.printSummary(RunResult.of(Instant.EPOCH, Duration.ofSeconds(2), List.of(tc), false, List.of()));

        assertThat(lines(out.toString())).containsExactly(
                "What to change (12 failed checks; full text above and in the reports):",
                "  TC_LAYOUT  check.1: expected the Central System to refuse TLS 1.1 during...",
                "  TC_LAYOUT  check.2: change 2",
                "  TC_LAYOUT  check.3: change 3",
                "  TC_LAYOUT  check.4: change 4",
                "  TC_LAYOUT  check.5: change 5",
                "  TC_LAYOUT  check.6: change 6",
                "  TC_LAYOUT  check.7: change 7",
                "  TC_LAYOUT  check.8: change 8",
                "  TC_LAYOUT  check.9: change 9",
                "  TC_LAYOUT  check.10: change 10",
                "  ... and 2 more",
                "Result: FAILED  1 test case run: 0 passed, 1 failed, 0 inconclusive in 2.0 s");
    }

    @Test
    void namesTheTargetInWhatToChangeWhenTheRunHadSeveralAndSaysNothingWhenNoCheckFailed() {
        StringWriter out = new StringWriter();
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(out), false, false, false, 100);
        TestCaseResult a = result("wss://a.example.com/ocpp/CP1", CheckResult.failed("tls.v11", "disable TLS 1.1"));
        TestCaseResult b = result("wss://b.example.com/ocpp/CP1", CheckResult.passed("tls.v11", "refused"));

        console.printSummary(RunResult.of(Instant.EPOCH, Duration.ofSeconds(1), List.of(a, b), false, List.of()));
        console.printSummary(RunResult.of(Instant.EPOCH, Duration.ofSeconds(1), List.of(b), false, List.of()));

        assertThat(lines(out.toString())).containsExactly(
                "What to change (1 failed check; full text above and in the reports):",
                "  TC_LAYOUT @ wss://a.example.com/ocpp/CP1  tls.v11: disable TLS 1.1",
                "Result: FAILED  2 test case runs: 1 passed, 1 failed, 0 inconclusive in 1.0 s",
                "Result: PASSED  1 test case run: 1 passed, 0 failed, 0 inconclusive in 1.0 s");
    }

    // --- colour

    @Test
    void coloursEachVerdictOnATerminal() {
        Cli.Result result = run(Map.of(), true, CheckResult.passed("a", "fine"), CheckResult.failed("b", "wrong"),
                CheckResult.inconclusive("c", "unknown"), CheckResult.skipped("d", "not run"));

        assertThat(result.out()).contains("\u001b[32mPASSED\u001b[0m", "\u001b[1;31mFAILED\u001b[0m",
                "\u001b[33mINCONCLUSIVE\u001b[0m", "\u001b[2mSKIPPED\u001b[0m");
    }

    @Test
    void printsNoColourOnATerminalWithNoColorOfAnyValueOrWithTheNoColorOption() {
        CheckResult[] checks = {CheckResult.passed("a", "fine"), CheckResult.failed("b", "wrong")};
        List<Cli.Result> plain = List.of(
                run(Map.of("NO_COLOR", "1"), true, checks),
                run(Map.of("NO_COLOR", "anything"), true, checks),
                Cli.run(TestEnvironments.engine(new ScriptedTestCase("TC_LAYOUT", "Layout", Step.of("probe", "Probe",
                        c -> Flux.just(checks)))).withTerminal(true).withEnv(withPassword(Map.of())), "run", "TC_LAYOUT", "--url", URL, "--no-color"),
                run(Map.of(), false, checks));

        for (Cli.Result result : plain) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(result.out()).as(result.toString()).contains("PASSED", "FAILED")
                    .doesNotContain("\u001b[3", "\u001b[1;31m", "\u001b[1m", "\u001b[2m", "\u001b[0m");
        }
    }

    @Test
    void takesTheWidthFromColumnsWithinFortyToOneThousand() {
        assertThat(ConsoleText.width(null)).isEqualTo(100);
        assertThat(ConsoleText.width("")).isEqualTo(100);
        assertThat(ConsoleText.width("-80")).isEqualTo(100);
        assertThat(ConsoleText.width("0")).isEqualTo(100);
        assertThat(ConsoleText.width("132")).isEqualTo(132);
        assertThat(ConsoleText.width(" 90 ")).isEqualTo(90);
        assertThat(ConsoleText.width("12")).isEqualTo(40);
        assertThat(ConsoleText.width("99999")).isEqualTo(1000);
        assertThat(TestEnvironments.passing().withEnv(Map.of("COLUMNS", "120")).columns()).isEqualTo(120);
    }

    @Test
    void cutsAWordLongerThanALineAtTheWidthButNotInsideAnEscape() {
        assertThat(ConsoleText.wrap("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ", 20))
                .containsExactly("abcdefghijklmnopqrst", "uvwxyz0123456789ABCD", "EFGHIJ");
        assertThat(ConsoleText.wrap("0123456789012345678\u001b\u001b tail", 20))
                .containsExactly("0123456789012345678", "\\x1b\\x1b tail");
        assertThat(ConsoleText.cut("0123456789012345\u202e", 20)).isEqualTo("0123456789012345...");
        assertThat(ConsoleText.wrap("", 20)).containsExactly("");
    }

    private static TestCaseResult result(String url, CheckResult... checks) {
        Verdict verdict = Arrays.stream(checks).anyMatch(c -> c.verdict() == Verdict.FAILED) ? Verdict.FAILED : Verdict.PASSED;
        return TestCaseResult.of(Target.parse(url), "TC_LAYOUT", "Layout", verdict, List.of(), Instant.EPOCH,
                Duration.ofSeconds(1), false, List.of(StepResult.of("probe", "Probe", verdict, "", Duration.ZERO,
                        List.of(checks))));
    }
}
