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
                step("last", CheckResult.skipped("c", "nothing to compare"))));

        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.reasons()).isEmpty();
        assertThat(result.steps()).extracting(StepResult::verdict)
                .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED);
        assertThat(result.steps()).extracting(StepResult::reason).containsOnly("");
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
        RunPlan plan = new RunPlan(List.of(quick, hang, never), List.of(context()), 1);

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
                    assertThat(r.testCases()).extracting(TestCaseResult::id).containsExactly("TC_QUICK");
                    assertThat(r.notRun()).containsExactly(
                            "TC_HANG @ wss://csms.example.com:8443/ocpp/CP001",
                            "TC_NEVER @ wss://csms.example.com:8443/ocpp/CP001");
                    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(cancelled).as("the step in flight was cancelled").isTrue();
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
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Step slow = Step.of("slow", "takes a second", c -> Mono.delay(Duration.ofSeconds(1), c.scheduler())
                .map(t -> CheckResult.passed("slow.done", "done"))
                .flux()
                .doOnSubscribe(s -> maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max))
                .doOnTerminate(running::decrementAndGet));
        List<TestCase> cases = List.of(FakeTestCase.of("A", slow), FakeTestCase.of("B", slow),
                FakeTestCase.of("C", slow), FakeTestCase.of("D", slow), FakeTestCase.of("E", slow));
        TestContext first = TestContext.builder(TARGET).scheduler(vts).clock(virtualClock(vts)).build();
        TestContext second = first.withTarget(Target.parse("wss://other.example.com/ocpp/CP002"));
        RunPlan plan = new RunPlan(cases, List.of(first, second), 3);

        StepVerifier.withVirtualTime(() -> engine.run(plan), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> {
                    RunResult r = ((RunFinished) e).result();
                    assertThat(r.testCases()).hasSize(10);
                    assertThat(r.testCases()).extracting(TestCaseResult::verdict).containsOnly(Verdict.PASSED);
                    assertThat(r.duration()).as("10 runs of 1 s, 3 at a time").isEqualTo(Duration.ofSeconds(4));
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(maxRunning).as("max concurrent runs").hasValue(3);
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

        RunResult result = runToEnd(new RunPlan(List.of(FakeTestCase.of("A", delayed, hangs, delayed),
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
        RunResult result = runToEnd(new RunPlan(List.of(FakeTestCase.of("A", remember), FakeTestCase.of("B", remember)),
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
