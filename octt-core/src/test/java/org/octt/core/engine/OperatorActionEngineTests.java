package org.octt.core.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.octt.core.engine.RunEvent.ActionRequested;
import org.octt.core.engine.RunEvent.RunFinished;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorActionEngineTests {

    private static final Duration VERIFY = Duration.ofSeconds(10);
    private static final Target TARGET = Target.parse("wss://csms.example.com:8443/ocpp/CP001");

    private final Engine engine = Engine.create(new SimpleMeterRegistry());

    /** A step that asks for an action and reports a check with the outcome's kind and message. */
    private static Step asking(OperatorAction action) {
        return Step.of("ask", "asks the Central System to act", List.of("cs.acted"), c -> c.requestAction(action)
                .map(o -> CheckResult.of("cs.acted", o.kind() == ActionOutcome.Kind.TRIGGERED ? Verdict.PASSED
                        : Verdict.INCONCLUSIVE, o.kind() + ": " + o.message()))
                .flux());
    }

    private static OperatorAction changeKey(Duration timeout) {
        return OperatorAction.of("change-authorization-key",
                "make the Central System send ChangeConfiguration.req with key AuthorizationKey",
                "ChangeConfiguration", timeout).withParameter("key", "AuthorizationKey");
    }

    @Test
    void announcesTheActionWithItsIdChargePointAndDeadlineAndHandsTheSameToTheHandler() {
        List<OperatorAction> handled = new CopyOnWriteArrayList<>();
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        TestContext ctx = TestContext.builder(TARGET)
                .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                .actionHandler(a -> {
                    handled.add(a);
                    return Mono.just(ActionOutcome.triggered("the hook exited 0"));
                })
                .build();
        TestCase tc = FakeTestCase.of("TC_073_CSMS", asking(changeKey(Duration.ofSeconds(60))));

        List<RunEvent> events = engine.run(RunPlan.of(List.of(tc), ctx)).collectList().block(VERIFY);

        List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
        assertThat(kinds).containsExactly("RunStarted", "TestCaseStarted", "StepStarted", "ActionRequested",
                "CheckReported", "StepFinished", "TestCaseFinished", "RunFinished");
        ActionRequested requested = (ActionRequested) events.get(3);
        assertThat(requested.testCaseId()).isEqualTo("TC_073_CSMS");
        assertThat(requested.step()).isEqualTo("ask");
        OperatorAction a = requested.action();
        assertThat(a.id()).isEqualTo("TC_073_CSMS.change-authorization-key");
        assertThat(a.chargePointId()).contains("CP001");
        assertThat(a.deadline()).contains(now.plusSeconds(60));
        assertThat(a.awaitedCall()).isEqualTo("ChangeConfiguration");
        assertThat(a.parameters()).containsEntry("key", "AuthorizationKey");
        assertThat(handled).containsExactly(a);
        TestCaseResultAssert.verdictAndMessage(events, Verdict.PASSED, "TRIGGERED: the hook exited 0");
    }

    @Test
    void extendsTheStepDeadlineByTheActionsTimeoutSoThatAPersonHasAllOfIt() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        TestContext ctx = TestContext.builder(TARGET).scheduler(vts).clock(EngineTests.virtualClock(vts))
                .timeouts(Timeouts.DEFAULTS.withStep(Duration.ofSeconds(10)))
                .build(); // nobody automates: left to the operator, who acts after 50 s
        Step waitsForTheOperator = Step.of("wait", "waits for the Central System", List.of("cs.acted"),
                c -> c.requestAction(changeKey(Duration.ofSeconds(60)))
                        .then(Mono.delay(Duration.ofSeconds(50), c.scheduler()))
                        .thenReturn(CheckResult.passed("cs.acted", "the call came after 50 s"))
                        .flux());
        TestCase tc = FakeTestCase.of("TC_073_CSMS", waitsForTheOperator);

        StepVerifier.withVirtualTime(() -> engine.run(RunPlan.of(List.of(tc), ctx)), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(51))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> {
                    var r = ((RunFinished) e).result().testCases().get(0);
                    assertThat(r.verdict()).as(r.reasons().toString()).isEqualTo(Verdict.PASSED);
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void stillTimesOutAStepThatOutlastsTheActionAndItsOwnTimeoutNamingBoth() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        TestContext ctx = TestContext.builder(TARGET).scheduler(vts).clock(EngineTests.virtualClock(vts))
                .timeouts(Timeouts.DEFAULTS.withStep(Duration.ofSeconds(10)))
                .build();
        Step hangs = Step.of("wait", "waits forever", List.of("cs.acted"),
                c -> c.requestAction(changeKey(Duration.ofSeconds(60))).thenMany(Flux.<CheckResult>never()));
        TestCase tc = FakeTestCase.of("TC_073_CSMS", hangs);

        StepVerifier.withVirtualTime(() -> engine.run(RunPlan.of(List.of(tc), ctx)), () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(69))
                .expectNextCount(4) // run, test case, step started, action requested
                .expectNoEvent(Duration.ofMillis(500))
                .thenAwait(Duration.ofSeconds(1))
                .thenConsumeWhile(e -> !(e instanceof RunFinished))
                .assertNext(e -> {
                    var r = ((RunFinished) e).result().testCases().get(0);
                    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                    assertThat(r.reasons()).containsExactly("wait: step 'wait' did not finish within the step timeout"
                            + " of 10s (after 1m given to operator actions)");
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void reportsAHandlerThatFailsOverrunsOrSaysNothingAsSuchAndNeverAsAnError() {
        TestContext failing = TestContext.builder(TARGET)
                .actionHandler(a -> Mono.error(new IllegalStateException("the CSMS API answered 503"))).build();
        assertThat(failing.requestAction(changeKey(Duration.ofSeconds(5))).block(VERIFY))
                .isEqualTo(ActionOutcome.failed("the action handler failed: the CSMS API answered 503"));

        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        TestContext overrunning = TestContext.builder(TARGET).scheduler(vts)
                .actionHandler(a -> Mono.never()).build();
        Mono<ActionOutcome> overrun = overrunning.requestAction(changeKey(Duration.ofSeconds(5)));
        vts.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(overrun.block(VERIFY))
                .isEqualTo(ActionOutcome.failed("the action handler did not finish within 5s"));

        TestContext silent = TestContext.builder(TARGET).actionHandler(a -> Mono.empty()).build();
        assertThat(silent.requestAction(changeKey(Duration.ofSeconds(5))).block(VERIFY))
                .isEqualTo(ActionOutcome.leftToOperator());

        assertThat(TestContext.builder(TARGET).build().requestAction(changeKey(Duration.ofSeconds(5))).block(VERIFY))
                .as("the default: a person is asked").isEqualTo(ActionOutcome.leftToOperator());
    }

    @Test
    void runsTheHandlerAtOnceAndToItsEndEvenWhenNobodyListensToTheOutcome() {
        AtomicBoolean finished = new AtomicBoolean();
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        TestContext ctx = TestContext.builder(TARGET).scheduler(vts)
                .actionHandler(a -> Mono.delay(Duration.ofSeconds(3), vts)
                        .doOnNext(t -> finished.set(true))
                        .thenReturn(ActionOutcome.triggered("done")))
                .build();

        ctx.requestAction(changeKey(Duration.ofSeconds(10))); // not subscribed by the caller
        vts.advanceTimeBy(Duration.ofSeconds(3));

        assertThat(finished).as("the handler ran without a subscriber").isTrue();
    }

    @Test
    void leavesOutATestCaseNeedingAnActionWhenActionsAreTurnedOffWithTheReason() {
        TestCase needsAction = FakeTestCase.of("TC_073_CSMS", asking(changeKey(Duration.ofSeconds(5))));
        TestCase tc = new TestCaseWithPrerequisites(needsAction,
                Prerequisites.securityProfiles(SecurityProfile.TLS_BASIC_AUTH).withOperatorActions());
        TestContext off = TestContext.builder(TARGET).operatorActions(false).build();

        RunResult result = ((RunFinished) engine.run(RunPlan.of(List.of(tc), off)).last().block(VERIFY)).result();

        assertThat(result.testCases()).isEmpty();
        assertThat(result.notRun()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotRun.Kind.NOT_APPLICABLE);
            assertThat(n.reason()).isEqualTo("needs the Central System to act on its own (an operator action), and"
                    + " operator actions are turned off");
        });
        RunResult on = ((RunFinished) engine.run(RunPlan.of(List.of(tc), TestContext.builder(TARGET).build()))
                .last().block(VERIFY)).result();
        assertThat(on.testCases()).hasSize(1);
    }

    /** Verdict and check message of the only check of the run. */
    private static final class TestCaseResultAssert {
        static void verdictAndMessage(List<RunEvent> events, Verdict verdict, String message) {
            var r = ((RunFinished) events.get(events.size() - 1)).result().testCases().get(0);
            assertThat(r.checks()).singleElement().satisfies(c -> {
                assertThat(c.verdict()).isEqualTo(verdict);
                assertThat(c.message()).isEqualTo(message);
            });
        }
    }

    /** A test case with other prerequisites. */
    private record TestCaseWithPrerequisites(TestCase delegate, Prerequisites prerequisites) implements TestCase {
        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public String title() {
            return delegate.title();
        }

        @Override
        public org.octt.core.spi.SystemUnderTest systemUnderTest() {
            return delegate.systemUnderTest();
        }

        @Override
        public org.octt.core.spi.OcppVersion ocppVersion() {
            return delegate.ocppVersion();
        }

        @Override
        public List<Step> steps() {
            return delegate.steps();
        }
    }
}
