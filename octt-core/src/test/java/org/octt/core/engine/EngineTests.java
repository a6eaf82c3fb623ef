package org.octt.core.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.octt.core.engine.RunEvent.CheckReported;
import org.octt.core.engine.RunEvent.RunFinished;
import org.octt.core.engine.RunEvent.RunStarted;
import org.octt.core.engine.RunEvent.StepFinished;
import org.octt.core.engine.RunEvent.StepStarted;
import org.octt.core.engine.RunEvent.TestCaseFinished;
import org.octt.core.engine.RunEvent.TestCaseStarted;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.core.spi.StateKey;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTests {

    private static final Duration VERIFY = Duration.ofSeconds(10);
    private static final Target TARGET = Target.parse("wss://csms.example.com:8443/ocpp/CP001");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Engine engine = Engine.create(meters);

    private static TestContext context() {
        return TestContext.builder(TARGET).build();
    }

    private static Step step(String name, CheckResult... checks) {
        return Step.of(name, "does " + name, ctx -> Flux.just(checks));
    }

    private RunResult runToEnd(RunPlan plan) {
        RunEvent last = engine.run(plan).last().block(VERIFY);
        assertThat(last).isInstanceOf(RunFinished.class);
        return ((RunFinished) last).result();
    }

    private TestCaseResult runOne(TestCase testCase) {
        RunResult result = runToEnd(RunPlan.of(List.of(testCase), context()));
        assertThat(result.testCases()).hasSize(1);
        return result.testCases().get(0);
    }

    @Test
    void continuesAfterFailedCheckAndFailsWithEveryReason() {
        TestCaseResult result = runOne(FakeTestCase.of("TC_X",
                step("first", CheckResult.failed("a.one", "expected 1, saw 2"), CheckResult.passed("a.two", "fine")),
                step("second", CheckResult.passed("b.one", "fine")),
                step("third", CheckResult.failed("c.one", "expected TLS 1.2, saw TLS 1.1"))));

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.reasons()).containsExactly("a.one: expected 1, saw 2", "c.one: expected TLS 1.2, saw TLS 1.1");
        assertThat(result.steps()).extracting(StepResult::name, StepResult::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", Verdict.FAILED),
                org.assertj.core.groups.Tuple.tuple("second", Verdict.PASSED),
                org.assertj.core.groups.Tuple.tuple("third", Verdict.FAILED));
        assertThat(result.checks()).extracting(CheckResult::id).containsExactly("a.one", "a.two", "b.one", "c.one");
    }

    @Test
    void passesWhenEveryCheckPassesAndTreatsAStepWithoutChecksAsPassed() {
        TestCaseResult result = runOne(FakeTestCase.of("TC_OK",
                step("first", CheckResult.passed("a", "fine")),
                step("quiet"),
                step("last", CheckResult.passed("c", "fine"))));

        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.reasons()).isEmpty();
        assertThat(result.steps()).extracting(StepResult::verdict)
                .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED);
        assertThat(result.steps()).extracting(StepResult::reason).containsOnly("");
    }

    @Test
    void reportsAStepAllOfWhoseChecksWereSkippedAsSkipped() {
        TestCaseResult result = runOne(FakeTestCase.of("TC_SKIP",
                step("first", CheckResult.passed("a", "fine")),
                step("unsafe", CheckResult.skipped("b", "not sent: the certificate is not trusted"),
                        CheckResult.skipped("c", "no session")),
                step("mixed", CheckResult.skipped("d", "nothing to compare"), CheckResult.passed("e", "fine"))));

        assertThat(result.steps()).extracting(StepResult::verdict)
                .containsExactly(Verdict.PASSED, Verdict.SKIPPED, Verdict.PASSED);
        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.reasons()).isEmpty();
    }

    @Test
    void skipsLaterStepsWithTheReasonAfterAStepCannotGoOn() {
        TestCaseResult result = runOne(FakeTestCase.of("TC_ABORT",
                step("first", CheckResult.passed("a", "fine")),
                Step.of("connect", "connects", ctx -> Flux.concat(
                        Flux.just(CheckResult.passed("tcp.resolve", "resolved")),
                        Flux.error(new StepAbortedException("connection refused by 10.0.0.1:8443")))),
                step("handshake", CheckResult.passed("never", "never")),
                step("upgrade", CheckResult.passed("never2", "never"))));

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reasons()).containsExactly("connect: connection refused by 10.0.0.1:8443");
        StepResult connect = result.steps().get(1);
        assertThat(connect.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(connect.reason()).isEqualTo("connection refused by 10.0.0.1:8443");
        assertThat(connect.checks()).extracting(CheckResult::id).containsExactly("tcp.resolve");
        assertThat(result.steps().subList(2, 4)).allSatisfy(s -> {
            assertThat(s.verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(s.reason()).isEqualTo("not run: step 'connect' could not go on: connection refused by 10.0.0.1:8443");
            assertThat(s.checks()).isEmpty();
            assertThat(s.duration()).isZero();
        });
    }

    @Test
    void failsRatherThanInconclusiveWhenACheckFailedBeforeTheAbort() {
        TestCaseResult result = runOne(FakeTestCase.of("TC_BOTH",
                step("first", CheckResult.failed("cert.key-size", "RSA 1024 bits, expected at least 2048")),
                Step.of("connect", "connects", ctx -> Flux.error(new StepAbortedException("no answer"))),
                step("later", CheckResult.passed("x", "never"))));

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.reasons()).containsExactly(
                "cert.key-size: RSA 1024 bits, expected at least 2048", "connect: no answer");
        assertThat(result.steps().get(2).verdict()).isEqualTo(Verdict.SKIPPED);
    }

    @Test
    void reportsAnUnexpectedErrorAsInconclusiveErrorCheckAndRunsLaterSteps() {
        TestCaseResult result = runOne(FakeTestCase.of("TC_BUG",
                Step.of("parse", "parses", ctx -> Flux.concat(
                        Flux.just(CheckResult.passed("parse.start", "started")),
                        Flux.error(new IllegalStateException("unexpected frame type 7")))),
                Step.of("throws", "throws at once", ctx -> {
                    throw new IllegalArgumentException("bad option value: x");
                }),
                step("later", CheckResult.passed("later.ok", "ran"))));

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reasons()).containsExactly(
                "parse.error: unexpected frame type 7", "throws.error: bad option value: x");
        assertThat(result.steps()).extracting(StepResult::verdict)
                .containsExactly(Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.PASSED);
        assertThat(result.steps().get(0).checks()).extracting(CheckResult::id, CheckResult::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("parse.start", Verdict.PASSED),
                org.assertj.core.groups.Tuple.tuple("parse.error", Verdict.INCONCLUSIVE));
        assertThat(result.steps().get(2).checks()).extracting(CheckResult::id).containsExactly("later.ok");
    }

    @Test
    void treatsAStepTimeoutAsAbortInVirtualTime() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        Clock clock = virtualClock(vts);
        TestContext ctx = TestContext.builder(TARGET)
                .scheduler(vts)
                .clock(clock)
                .timeouts(Timeouts.DEFAULTS.withStep(Duration.ofSeconds(30)))
                .build();
        AtomicBoolean cancelled = new AtomicBoolean();
        TestCase tc = FakeTestCase.of("TC_SLOW",
                Step.of("hang", "never answers", c -> Flux.<CheckResult>never().doOnCancel(() -> cancelled.set(true))),
                step("after", CheckResult.passed("x", "never")));

        StepVerifier.withVirtualTime(() -> engine.run(RunPlan.of(List.of(tc), ctx)), () -> vts, Long.MAX_VALUE)
                .expectNextCount(3) // run started, test case started, step started
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(e -> {
                    StepResult hang = ((StepFinished) e).result();
                    assertThat(hang.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                    assertThat(hang.reason()).isEqualTo("step 'hang' did not finish within the step timeout of 30s");
                    assertThat(hang.duration()).isEqualTo(Duration.ofSeconds(30));
                })
                .assertNext(e -> assertThat(((StepStarted) e).step()).isEqualTo("after"))
                .assertNext(e -> assertThat(((StepFinished) e).result().reason())
                        .isEqualTo("not run: step 'hang' could not go on: step 'hang' did not finish within the step timeout of 30s"))
                .assertNext(e -> {
                    TestCaseResult r = ((TestCaseFinished) e).result();
                    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                    assertThat(r.reasons()).containsExactly("hang: step 'hang' did not finish within the step timeout of 30s");
                    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(30));
                })
                .assertNext(e -> assertThat(((RunFinished) e).result().verdict()).isEqualTo(Verdict.INCONCLUSIVE))
                .expectComplete()
                .verify(VERIFY);
        assertThat(cancelled).as("the hanging step's Flux was cancelled by the timeout").isTrue();
    }

    @Test
    void reportsEveryDeclaredCheckWhenTheFirstStepTimesOut() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        TestContext ctx = TestContext.builder(TARGET).scheduler(vts).clock(virtualClock(vts))
                .timeouts(Timeouts.DEFAULTS.withStep(Duration.ofSeconds(30))).build();
        TestCase tc = FakeTestCase.of("TC_TRICKLE",
                Step.of("handshake", "a handshake that trickles", List.of("tls.version", "tls.cipher-suites"),
                        c -> Flux.never()),
                Step.of("certificate", "inspects", List.of("cert.key-size"), c -> Flux.just(
                        CheckResult.passed("cert.key-size", "never"))),
                step("undeclared", CheckResult.passed("never", "never")));
        String timedOut = "step 'handshake' did not finish within the step timeout of 30s";

        StepVerifier.withVirtualTime(() -> engine.run(RunPlan.of(List.of(tc), ctx)), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(31))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> {
                    TestCaseResult r = ((RunFinished) e).result().testCases().get(0);
                    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                    assertThat(r.reasons()).containsExactly("handshake: " + timedOut);
                    assertThat(r.checks()).extracting(CheckResult::id, CheckResult::verdict, CheckResult::message)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("tls.version", Verdict.INCONCLUSIVE,
                                            "not evaluated: step 'handshake' could not go on: " + timedOut),
                                    org.assertj.core.groups.Tuple.tuple("tls.cipher-suites", Verdict.INCONCLUSIVE,
                                            "not evaluated: step 'handshake' could not go on: " + timedOut),
                                    org.assertj.core.groups.Tuple.tuple("cert.key-size", Verdict.SKIPPED,
                                            "not run: step 'handshake' could not go on: " + timedOut));
                    assertThat(r.steps()).extracting(StepResult::verdict)
                            .containsExactly(Verdict.INCONCLUSIVE, Verdict.SKIPPED, Verdict.SKIPPED);
                    assertThat(r.steps().get(2).checks()).as("a step that declares nothing").isEmpty();
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void reportsTheDeclaredChecksAStepLeftOutWhenItAbortsOrFails() {
        TestCase tc = FakeTestCase.of("TC_DECLARED",
                Step.of("parse", "parses", List.of("p.start", "p.frame"), c -> Flux.concat(
                        Flux.just(CheckResult.passed("p.start", "started")),
                        Flux.error(new IllegalStateException("unexpected frame type 7")))),
                Step.of("connect", "connects", List.of("c.tcp", "c.tls", "c.tls"), c -> Flux.concat(
                        Flux.just(CheckResult.passed("c.tcp", "connected")),
                        Flux.error(new StepAbortedException("reset by peer")))),
                Step.of("upgrade", "upgrades", List.of("u.101"), c -> Flux.just(CheckResult.passed("u.101", "never"))));

        List<RunEvent> events = engine.run(RunPlan.of(List.of(tc), context())).collectList().block(VERIFY);

        assertThat(events).extracting(EngineTests::describe).containsExactly(
                "RunStarted 1x1",
                "TestCaseStarted TC_DECLARED",
                "StepStarted parse",
                "CheckReported parse/p.start PASSED",
                "CheckReported parse/parse.error INCONCLUSIVE",
                "CheckReported parse/p.frame INCONCLUSIVE",
                "StepFinished parse INCONCLUSIVE",
                "StepStarted connect",
                "CheckReported connect/c.tcp PASSED",
                "CheckReported connect/c.tls INCONCLUSIVE",
                "StepFinished connect INCONCLUSIVE",
                "StepStarted upgrade",
                "CheckReported upgrade/u.101 SKIPPED",
                "StepFinished upgrade SKIPPED",
                "TestCaseFinished TC_DECLARED INCONCLUSIVE",
                "RunFinished INCONCLUSIVE");
        TestCaseResult r = ((RunFinished) events.get(events.size() - 1)).result().testCases().get(0);
        assertThat(r.reasons()).containsExactly("parse.error: unexpected frame type 7", "connect: reset by peer");
        assertThat(r.checks()).extracting(CheckResult::id, CheckResult::message).contains(
                org.assertj.core.groups.Tuple.tuple("p.frame", "not evaluated: step 'parse' failed: unexpected frame type 7"),
                org.assertj.core.groups.Tuple.tuple("c.tls", "not evaluated: step 'connect' could not go on: reset by peer"),
                org.assertj.core.groups.Tuple.tuple("u.101", "not run: step 'connect' could not go on: reset by peer"));
        assertThat(meters.get("octt.checks").tags("testcase", "TC_DECLARED", "check", "u.101", "verdict", "SKIPPED")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void runsAStepWhoseCheckIdsCannotBeListedAsOneThatDeclaresNone() {
        Step broken = new Step() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<String> checkIds() {
                throw new IllegalStateException("plugin bug");
            }

            @Override
            public Flux<CheckResult> run(TestContext context) {
                return Flux.error(new StepAbortedException("refused"));
            }
        };
        TestCaseResult r = runOne(FakeTestCase.of("TC_BROKEN_IDS", broken));

        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.reasons()).containsExactly("broken: refused");
        assertThat(r.checks()).isEmpty();
    }

    @Test
    void cancelsTheStepInFlightWhenTheSubscriptionIsDisposed() {
        AtomicBoolean cancelled = new AtomicBoolean();
        TestCase tc = FakeTestCase.of("TC_HANG", hangsAfterOneCheck(cancelled));

        StepVerifier.create(engine.run(RunPlan.of(List.of(tc), context())))
                .expectNextMatches(RunStarted.class::isInstance)
                .expectNextMatches(TestCaseStarted.class::isInstance)
                .expectNextMatches(e -> e instanceof StepStarted s && s.step().equals("hang"))
                .expectNextMatches(e -> e instanceof CheckReported c && c.check().id().equals("hang.connected"))
                .thenCancel()
                .verify(VERIFY);

        assertThat(cancelled).as("the step's Flux was cancelled").isTrue();
        assertThat(meters.find("octt.testcase.duration").timers()).as("nothing recorded for a cancelled run").isEmpty();
    }

    @Test
    void finishesWithTheResultSoFarWhenTheCancelSignalFires() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.Empty<Void> ctrlC = Sinks.empty();
        TestCase quick = FakeTestCase.of("TC_QUICK", step("only", CheckResult.passed("ok", "fine")));
        TestCase hang = FakeTestCase.of("TC_HANG", hangsAfterOneCheck(cancelled));
        TestCase never = FakeTestCase.of("TC_NEVER", step("only", CheckResult.passed("ok", "fine")));
        RunPlan plan = RunPlan.of(List.of(quick, hang, never), List.of(context()), 1);

        StepVerifier.create(engine.run(plan, ctrlC.asMono()))
                .expectNextCount(1 + 4) // run started; quick: started, step started, check, step finished
                .expectNextMatches(e -> e instanceof TestCaseFinished f && f.result().id().equals("TC_QUICK"))
                .expectNextMatches(e -> e instanceof TestCaseStarted s && s.testCaseId().equals("TC_HANG"))
                .expectNextMatches(e -> e instanceof StepStarted s && s.step().equals("hang"))
                .expectNextMatches(e -> e instanceof CheckReported c && c.check().id().equals("hang.connected"))
                .then(ctrlC::tryEmitEmpty)
                .assertNext(e -> {
                    RunResult r = ((RunFinished) e).result();
                    assertThat(r.cancelled()).isTrue();
                    assertThat(r.testCases()).extracting(TestCaseResult::id).containsExactly("TC_QUICK", "TC_HANG");
                    assertThat(r.notRun()).extracting(NotRun::label, NotRun::kind, NotRun::reason).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("TC_NEVER @ wss://csms.example.com:8443/ocpp/CP001",
                                    NotRun.Kind.CANCELLED, "the run was cancelled before this test case started"));
                    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(cancelled).as("the step in flight was cancelled").isTrue();
    }

    @Test
    void keepsTheChecksACancelledTestCaseHadReportedInItsResult() throws java.io.IOException {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.Empty<Void> ctrlC = Sinks.empty();
        Step hang = Step.of("hang", "connects, then never answers", List.of("hang.connected", "hang.answered"),
                c -> Flux.concat(
                        Flux.just(CheckResult.failed("hang.connected", "connected, but said nothing")),
                        Flux.<CheckResult>never())
                .doOnCancel(() -> cancelled.set(true)));
        TestCase tc = FakeTestCase.of("TC_PART",
                step("first", CheckResult.passed("first.a", "a fine"), CheckResult.passed("first.b", "b fine")),
                hang,
                Step.of("last", "never reached", List.of("last.a"),
                        c -> Flux.just(CheckResult.passed("last.a", "never"))));
        RunPlan plan = RunPlan.of(List.of(tc), context());

        RunResult[] result = new RunResult[1];
        StepVerifier.create(engine.run(plan, ctrlC.asMono()))
                .thenConsumeWhile(e -> !(e instanceof CheckReported c && c.check().id().equals("hang.connected")))
                .then(ctrlC::tryEmitEmpty)
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .consumeNextWith(e -> result[0] = ((RunFinished) e).result())
                .expectComplete()
                .verify(VERIFY);

        RunResult r = result[0];
        assertThat(cancelled).as("the step in flight was cancelled").isTrue();
        assertThat(r.cancelled()).isTrue();
        assertThat(r.notRun()).isEmpty();
        assertThat(r.testCases()).hasSize(1);
        TestCaseResult part = r.testCases().get(0);
        assertThat(part.verdict()).as("a check had failed").isEqualTo(Verdict.FAILED);
        assertThat(part.reasons()).containsExactly("hang.connected: connected, but said nothing",
                "hang: the run was cancelled");
        assertThat(part.steps()).extracting(StepResult::name, StepResult::verdict, StepResult::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", Verdict.PASSED, ""),
                org.assertj.core.groups.Tuple.tuple("hang", Verdict.FAILED, "the run was cancelled"),
                org.assertj.core.groups.Tuple.tuple("last", Verdict.SKIPPED, "not run: the run was cancelled"));
        assertThat(part.checks()).extracting(CheckResult::id, CheckResult::verdict, CheckResult::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first.a", Verdict.PASSED, "a fine"),
                org.assertj.core.groups.Tuple.tuple("first.b", Verdict.PASSED, "b fine"),
                org.assertj.core.groups.Tuple.tuple("hang.connected", Verdict.FAILED, "connected, but said nothing"),
                org.assertj.core.groups.Tuple.tuple("hang.answered", Verdict.INCONCLUSIVE,
                        "not evaluated: step 'hang' could not go on: the run was cancelled"),
                org.assertj.core.groups.Tuple.tuple("last.a", Verdict.SKIPPED, "not run: the run was cancelled"));

        java.io.StringWriter json = new java.io.StringWriter();
        org.octt.core.report.JsonReport.write(r, json);
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toString());
        assertThat(root.at("/cancelled").asBoolean()).isTrue();
        assertThat(root.at("/testCases/0/checks")).extracting(c -> c.get("id").asText() + "=" + c.get("verdict").asText())
                .containsExactly("first.a=PASSED", "first.b=PASSED", "hang.connected=FAILED", "hang.answered=INCONCLUSIVE",
                        "last.a=SKIPPED");
        assertThat(root.at("/notRun")).isEmpty();
    }

    @Test
    void cancelledBetweenStepsKeepsTheFinishedStepsAndSkipsTheRest() {
        Sinks.Empty<Void> ctrlC = Sinks.empty();
        TestCase tc = FakeTestCase.of("TC_BETWEEN",
                step("first", CheckResult.passed("first.a", "a fine")),
                Step.of("second", "waits", List.of("second.a"), c -> Flux.<CheckResult>never()));
        RunResult[] result = new RunResult[1];
        StepVerifier.create(engine.run(RunPlan.of(List.of(tc), context()), ctrlC.asMono()))
                .thenConsumeWhile(e -> !(e instanceof StepStarted s && s.step().equals("second")))
                .then(ctrlC::tryEmitEmpty)
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .consumeNextWith(e -> result[0] = ((RunFinished) e).result())
                .expectComplete()
                .verify(VERIFY);

        TestCaseResult part = result[0].testCases().get(0);
        assertThat(part.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(part.checks()).extracting(CheckResult::id, CheckResult::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first.a", Verdict.PASSED),
                org.assertj.core.groups.Tuple.tuple("second.a", Verdict.INCONCLUSIVE));
        assertThat(result[0].verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void doesNotRunATestCaseWhosePrerequisitesDoNotApplyAndKeepsTheVerdict() {
        AtomicInteger ran = new AtomicInteger();
        FakeTestCase steps = FakeTestCase.of("TC_P3", Step.of("only", "would connect", c -> {
            ran.incrementAndGet();
            return Flux.just(CheckResult.failed("p3.x", "must never be seen"));
        }));
        TestCase profile3 = new TestCase() {
            @Override
            public String id() {
                return steps.id();
            }

            @Override
            public String title() {
                return steps.title();
            }

            @Override
            public org.octt.core.spi.SystemUnderTest systemUnderTest() {
                return steps.systemUnderTest();
            }

            @Override
            public org.octt.core.spi.OcppVersion ocppVersion() {
                return steps.ocppVersion();
            }

            @Override
            public List<Step> steps() {
                return steps.steps();
            }

            @Override
            public org.octt.core.spi.Prerequisites prerequisites() {
                return org.octt.core.spi.Prerequisites.securityProfiles(org.octt.core.spi.SecurityProfile.TLS_CLIENT_CERTIFICATE);
            }
        };
        TestCase any = FakeTestCase.of("TC_ANY", step("only", CheckResult.passed("ok", "fine")));
        List<RunEvent> events = engine.run(RunPlan.of(List.of(profile3, any), List.of(context()), 1))
                .collectList().block(VERIFY);

        assertThat(ran).as("its steps never ran").hasValue(0);
        assertThat(events).noneMatch(e -> e instanceof TestCaseStarted s && s.testCaseId().equals("TC_P3"));
        RunResult r = ((RunFinished) events.get(events.size() - 1)).result();
        assertThat(r.testCases()).extracting(TestCaseResult::id).containsExactly("TC_ANY");
        assertThat(r.notRun()).extracting(NotRun::testCaseId, NotRun::kind, NotRun::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("TC_P3", NotRun.Kind.NOT_APPLICABLE,
                        "applies to security profile 3, the target is configured with profile 2"));
        assertThat(r.verdict()).as("not applicable does not change the verdict").isEqualTo(Verdict.PASSED);
        assertThat(r.cancelled()).isFalse();
    }

    @Test
    void givesATestCaseTheDefaultsOfItsDeclaredOptionsUnlessSet() {
        Step reads = Step.of("reads", "reads its options", c -> Flux.just(CheckResult.passed("read",
                c.option("x.count").orElse("-") + "/" + c.option("x.name").orElse("-") + "/" + c.option("x.none").orElse("-"))));
        FakeTestCase plain = FakeTestCase.of("TC_OPTS", reads);
        TestCase declaring = new TestCase() {
            @Override
            public String id() {
                return plain.id();
            }

            @Override
            public String title() {
                return plain.title();
            }

            @Override
            public org.octt.core.spi.SystemUnderTest systemUnderTest() {
                return plain.systemUnderTest();
            }

            @Override
            public org.octt.core.spi.OcppVersion ocppVersion() {
                return plain.ocppVersion();
            }

            @Override
            public List<Step> steps() {
                return plain.steps();
            }

            @Override
            public List<org.octt.core.spi.OptionDescriptor> options() {
                return List.of(org.octt.core.spi.OptionDescriptor.integer("x.count", 1, 1, 64, "how many"),
                        org.octt.core.spi.OptionDescriptor.string("x.name", "octt", "a name"),
                        org.octt.core.spi.OptionDescriptor.string("x.none", null, "no default"));
            }
        };
        TestContext withCount = context().toBuilder().option("x.count", "7").build();

        assertThat(runToEnd(RunPlan.of(List.of(declaring), withCount)).testCases().get(0).checks().get(0).message())
                .isEqualTo("7/octt/-");
        assertThat(runToEnd(RunPlan.of(List.of(declaring), context())).testCases().get(0).checks().get(0).message())
                .isEqualTo("1/octt/-");
        assertThat(runToEnd(RunPlan.of(List.of(plain), context())).testCases().get(0).checks().get(0).message())
                .as("undeclared: no default").isEqualTo("-/-/-");
    }

    @Test
    void emitsEventsInTheDocumentedOrder() {
        TestCase tc = FakeTestCase.of("TC_ORDER",
                step("one", CheckResult.passed("one.a", "a"), CheckResult.failed("one.b", "b")),
                Step.of("two", "aborts", c -> Flux.error(new StepAbortedException("gone"))),
                step("three", CheckResult.passed("three.a", "never")));

        List<RunEvent> events = engine.run(RunPlan.of(List.of(tc), context())).collectList().block(VERIFY);

        assertThat(events).extracting(e -> describe(e)).containsExactly(
                "RunStarted 1x1",
                "TestCaseStarted TC_ORDER",
                "StepStarted one",
                "CheckReported one/one.a PASSED",
                "CheckReported one/one.b FAILED",
                "StepFinished one FAILED",
                "StepStarted two",
                "StepFinished two INCONCLUSIVE",
                "StepStarted three",
                "StepFinished three SKIPPED",
                "TestCaseFinished TC_ORDER FAILED",
                "RunFinished FAILED");
        assertThat(events).extracting(RunEvent::at).isSorted();
    }

    @Test
    void neverRunsMoreTestCasesAtOnceThanTheConcurrencyBound() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        Overlap overlap = new Overlap();
        Step slow = overlap.step(Duration.ofSeconds(1));
        List<TestCase> cases = List.of(FakeTestCase.of("A", slow), FakeTestCase.of("B", slow));
        TestContext first = TestContext.builder(TARGET).scheduler(vts).clock(virtualClock(vts)).build();
        List<TestContext> targets = List.of(first, first.withTarget(Target.parse("wss://b.example.com/ocpp/CP002")),
                first.withTarget(Target.parse("wss://c.example.com/ocpp/CP003")),
                first.withTarget(Target.parse("wss://d.example.com/ocpp/CP004")),
                first.withTarget(Target.parse("wss://e.example.com/ocpp/CP005")));
        RunPlan plan = RunPlan.of(cases, targets, 3);

        StepVerifier.withVirtualTime(() -> engine.run(plan), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(20))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> {
                    RunResult r = ((RunFinished) e).result();
                    assertThat(r.testCases()).hasSize(10);
                    assertThat(r.testCases()).extracting(TestCaseResult::verdict).containsOnly(Verdict.PASSED);
                    assertThat(r.duration()).as("5 targets of 2 runs of 1 s each, 3 targets at a time")
                            .isEqualTo(Duration.ofSeconds(4));
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(overlap.maxRunning).as("max concurrent runs").hasValue(3);
        assertThat(overlap.maxRunningPerTarget()).as("max concurrent runs against one target").isEqualTo(1);
    }

    @Test
    void runsTheTestCasesOfOneTargetOneAfterAnotherEvenWithConcurrency() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        Overlap overlap = new Overlap();
        Step slow = overlap.step(Duration.ofSeconds(1));
        TestContext ctx = TestContext.builder(TARGET).scheduler(vts).clock(virtualClock(vts)).build();
        // the same target twice (e.g. listed twice in a fleet file) is still one target
        RunPlan plan = RunPlan.of(List.of(FakeTestCase.of("A", slow), FakeTestCase.of("B", slow)),
                List.of(ctx, ctx), 8);

        StepVerifier.withVirtualTime(() -> engine.run(plan), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> assertThat(((RunFinished) e).result().duration())
                        .as("4 runs of 1 s against one target, one after another").isEqualTo(Duration.ofSeconds(4)))
                .expectComplete()
                .verify(VERIFY);
        assertThat(overlap.maxRunningPerTarget()).as("max concurrent runs against one target").isEqualTo(1);
    }

    @Test
    void runsTwoTargetsConcurrently() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        Overlap overlap = new Overlap();
        Step slow = overlap.step(Duration.ofSeconds(1));
        TestContext first = TestContext.builder(TARGET).scheduler(vts).clock(virtualClock(vts)).build();
        TestContext second = first.withTarget(Target.parse("wss://other.example.com/ocpp/CP002"));
        RunPlan plan = RunPlan.of(List.of(FakeTestCase.of("A", slow), FakeTestCase.of("B", slow)),
                List.of(first, second), 2);

        StepVerifier.withVirtualTime(() -> engine.run(plan), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> assertThat(((RunFinished) e).result().duration())
                        .as("two targets side by side, each 2 runs of 1 s").isEqualTo(Duration.ofSeconds(2)))
                .expectComplete()
                .verify(VERIFY);
        assertThat(overlap.maxRunning).as("runs at once across the two targets").hasValue(2);
        assertThat(overlap.maxRunningPerTarget()).as("max concurrent runs against one target").isEqualTo(1);
    }

    @Test
    void keepsThePlanOrderOfTargetsAndTestCasesWhateverOrderTheyFinishIn() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        // the first target answers slowly, the second at once; A is slow, B quick
        Step answer = Step.of("answer", "answers", c -> Mono.delay(
                        Duration.ofSeconds(c.target().host().startsWith("slow") ? 10 : 1), c.scheduler())
                .map(t -> CheckResult.passed("answer.ok", "answered")).flux());
        Step quick = step("quick", CheckResult.passed("quick.ok", "fine"));
        TestContext slow = TestContext.builder(Target.parse("wss://slow.example.com/ocpp/CP001"))
                .scheduler(vts).clock(virtualClock(vts)).build();
        TestContext fast = slow.withTarget(Target.parse("wss://fast.example.com/ocpp/CP002"));
        RunPlan plan = RunPlan.of(List.of(FakeTestCase.of("A", answer), FakeTestCase.of("B", quick)),
                List.of(slow, fast), 2);

        List<String> finishedOrder = new java.util.ArrayList<>();
        StepVerifier.withVirtualTime(() -> engine.run(plan), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(30))
                .thenConsumeWhile(e -> !(e instanceof RunFinished), e -> {
                    if (e instanceof TestCaseFinished f) {
                        finishedOrder.add(f.result().id() + " @ " + f.result().target().host());
                    }
                })
                .assertNext(e -> {
                    RunResult r = ((RunFinished) e).result();
                    assertThat(r.testCases()).extracting(tc -> tc.id() + " @ " + tc.target().host()).containsExactly(
                            "A @ slow.example.com", "B @ slow.example.com", "A @ fast.example.com",
                            "B @ fast.example.com");
                    assertThat(r.targets()).extracting(Target::host).containsExactly("slow.example.com",
                            "fast.example.com");
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(finishedOrder).as("they did finish in another order").containsExactly(
                "A @ fast.example.com", "B @ fast.example.com", "A @ slow.example.com", "B @ slow.example.com");
    }

    @Test
    void listsWhatDidNotRunInPlanOrderWhenCancelled() {
        Sinks.Empty<Void> ctrlC = Sinks.empty();
        AtomicBoolean cancelled = new AtomicBoolean();
        TestContext first = context();
        TestContext second = first.withTarget(Target.parse("wss://other.example.com/ocpp/CP002"));
        TestCase hang = FakeTestCase.of("TC_HANG", hangsAfterOneCheck(cancelled));
        TestCase quick = FakeTestCase.of("TC_QUICK", step("only", CheckResult.passed("ok", "fine")));
        RunPlan plan = RunPlan.of(List.of(hang, quick), List.of(first, second), 2);

        StepVerifier.create(engine.run(plan, ctrlC.asMono()))
                .thenConsumeWhile(e -> !(e instanceof CheckReported c && c.check().id().equals("hang.connected")
                        && c.target().host().equals("other.example.com")))
                .then(ctrlC::tryEmitEmpty)
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> {
                    RunResult r = ((RunFinished) e).result();
                    assertThat(r.testCases()).extracting(t -> t.id() + " @ " + t.target().url()).containsExactly(
                            "TC_HANG @ wss://csms.example.com:8443/ocpp/CP001",
                            "TC_HANG @ wss://other.example.com/ocpp/CP002");
                    assertThat(r.notRun()).extracting(NotRun::label).containsExactly(
                            "TC_QUICK @ wss://csms.example.com:8443/ocpp/CP001",
                            "TC_QUICK @ wss://other.example.com/ocpp/CP002");
                    assertThat(r.targets()).extracting(Target::host).containsExactly("csms.example.com",
                            "other.example.com");
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void runsStepsTimeoutsAndAbortsOnRealParallelThreads() {
        Step delayed = Step.of("delayed", "answers later", c -> Mono.delay(Duration.ofMillis(20), c.scheduler())
                .map(t -> CheckResult.passed("delayed.ok", "answered")).flux());
        Step hangs = Step.of("hangs", "never answers", c -> Flux.never());
        Step aborts = Step.of("aborts", "refused", c -> Mono.delay(Duration.ofMillis(5), c.scheduler())
                .then(Mono.<CheckResult>error(new StepAbortedException("refused"))).flux());
        TestContext ctx = TestContext.builder(TARGET)
                .scheduler(reactor.core.scheduler.Schedulers.parallel())
                .timeouts(Timeouts.DEFAULTS.withStep(Duration.ofMillis(200)))
                .build();

        RunResult result = runToEnd(RunPlan.of(List.of(FakeTestCase.of("A", delayed, hangs, delayed),
                FakeTestCase.of("B", delayed, aborts, delayed)), List.of(ctx, ctx), 4));

        assertThat(result.testCases()).hasSize(4).allSatisfy(tc -> {
            assertThat(tc.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(tc.reasons()).singleElement().asString()
                    .isIn("hangs: step 'hangs' did not finish within the step timeout of 200ms", "aborts: refused");
            assertThat(tc.steps()).extracting(StepResult::verdict)
                    .containsExactly(Verdict.PASSED, Verdict.INCONCLUSIVE, Verdict.SKIPPED);
        });
    }

    @Test
    void givesEachRunAFreshState() {
        StateKey<String> key = StateKey.of("seen", String.class);
        Step remember = Step.of("remember", "reads then writes state", c -> {
            CheckResult check = c.state().get(key).isPresent()
                    ? CheckResult.failed("state.fresh", "state leaked from another run: " + c.state().get(key).get())
                    : CheckResult.passed("state.fresh", "state was empty");
            c.state().put(key, "written");
            return Flux.just(check);
        });
        TestContext ctx = context();
        RunResult result = runToEnd(RunPlan.of(List.of(FakeTestCase.of("A", remember), FakeTestCase.of("B", remember)),
                List.of(ctx, ctx), 1));

        assertThat(result.testCases()).hasSize(4);
        assertThat(result.testCases()).allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(r.reasons()).isEmpty();
        });
        assertThat(ctx.state().get(key)).isEmpty();
    }

    @Test
    void reportsATestCaseWithoutStepsAsInconclusive() {
        TestCaseResult result = runOne(new FakeTestCase("TC_EMPTY", List.of()));

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reasons()).containsExactly("test case 'TC_EMPTY' has no steps");
    }

    @Test
    void recordsMetricsOnTheGivenRegistry() {
        runOne(FakeTestCase.of("TC_M",
                step("first", CheckResult.failed("a.one", "bad"), CheckResult.passed("a.two", "good")),
                Step.of("connect", "aborts", c -> Flux.error(new StepAbortedException("refused"))),
                step("skipped", CheckResult.passed("never", "never"))));

        assertThat(meters.get("octt.testcase.duration").tags("testcase", "TC_M", "verdict", "FAILED").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("octt.step.duration").tags("testcase", "TC_M", "step", "first", "verdict", "FAILED")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("octt.step.duration").tags("testcase", "TC_M", "step", "connect", "verdict", "INCONCLUSIVE")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("octt.step.duration").tags("testcase", "TC_M", "step", "skipped", "verdict", "SKIPPED")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("octt.checks").tags("testcase", "TC_M", "check", "a.one", "verdict", "FAILED")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get("octt.checks").tags("testcase", "TC_M", "check", "a.two", "verdict", "PASSED")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.find("octt.checks").tag("check", "never").counters()).isEmpty();
        assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.find("octt.checks").counters()).isEmpty();
    }

    /** Counts the runs of its step going at once, overall and per target host. */
    private static final class Overlap {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final java.util.Map<String, AtomicInteger> runningPerTarget = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, AtomicInteger> maxPerTarget = new java.util.concurrent.ConcurrentHashMap<>();

        /** A step that takes {@code time} on the context's scheduler and counts itself while it runs. */
        Step step(Duration time) {
            return Step.of("slow", "takes a while", c -> {
                String host = c.target().host();
                AtomicInteger perTarget = runningPerTarget.computeIfAbsent(host, h -> new AtomicInteger());
                AtomicInteger maxHere = maxPerTarget.computeIfAbsent(host, h -> new AtomicInteger());
                return Mono.delay(time, c.scheduler())
                        .map(t -> CheckResult.passed("slow.done", "done"))
                        .flux()
                        .doOnSubscribe(s -> {
                            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                            maxHere.accumulateAndGet(perTarget.incrementAndGet(), Math::max);
                        })
                        .doOnTerminate(() -> {
                            running.decrementAndGet();
                            perTarget.decrementAndGet();
                        });
            });
        }

        int maxRunningPerTarget() {
            return maxPerTarget.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        }
    }

    /** A step that reports one check, then never finishes; records its cancellation. */
    private static Step hangsAfterOneCheck(AtomicBoolean cancelled) {
        return Step.of("hang", "connects, then never answers", c -> Flux.concat(
                        Flux.just(CheckResult.passed("hang.connected", "connected")),
                        Flux.<CheckResult>never())
                .doOnCancel(() -> cancelled.set(true)));
    }

    private static String describe(RunEvent e) {
        if (e instanceof RunStarted s) {
            return "RunStarted " + s.testCases() + "x" + s.targets();
        } else if (e instanceof TestCaseStarted s) {
            return "TestCaseStarted " + s.testCaseId();
        } else if (e instanceof StepStarted s) {
            return "StepStarted " + s.step();
        } else if (e instanceof CheckReported c) {
            return "CheckReported " + c.step() + "/" + c.check().id() + " " + c.check().verdict();
        } else if (e instanceof StepFinished f) {
            return "StepFinished " + f.result().name() + " " + f.result().verdict();
        } else if (e instanceof TestCaseFinished f) {
            return "TestCaseFinished " + f.result().id() + " " + f.result().verdict();
        } else if (e instanceof RunFinished f) {
            return "RunFinished " + f.result().verdict();
        }
        throw new AssertionError("unknown event " + e);
    }

    /** A clock that reads the virtual time scheduler. */
    static Clock virtualClock(VirtualTimeScheduler vts) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(vts.now(java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        };
    }
}
