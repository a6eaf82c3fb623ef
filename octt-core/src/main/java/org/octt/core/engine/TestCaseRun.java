package org.octt.core.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.HumanDuration;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One test case against one target: the card's rule, events and metrics. Used once per
 * subscription; its steps run one at a time (concatMap), so the mutable fields are touched by one
 * signal at a time.
 */
final class TestCaseRun {

    private final TestCase testCase;
    private final TestContext base;
    private final MeterRegistry meters;
    /** The state of the (one) subscription, once subscribed. */
    private volatile RunState state;

    TestCaseRun(TestCase testCase, TestContext base, MeterRegistry meters) {
        this.testCase = testCase;
        // one registry: the engine's, unless the context has its own
        this.base = withDeclaredDefaults(testCase, base.withDefaultMeterRegistry(meters));
        this.meters = meters;
    }

    /**
     * The context with the defaults of the options the test case declares ({@link TestCase#options()})
     * for the keys it does not set, so that {@link TestContext#option(String)} returns them.
     */
    static TestContext withDeclaredDefaults(TestCase testCase, TestContext context) {
        List<org.octt.core.spi.OptionDescriptor> declared;
        try {
            declared = testCase.options();
        } catch (RuntimeException e) {
            return context; // a plugin's bug here must not cost the run
        }
        TestContext.Builder builder = null;
        for (org.octt.core.spi.OptionDescriptor d : declared == null ? List.<org.octt.core.spi.OptionDescriptor>of() : declared) {
            if (d != null && d.defaultValue().isPresent() && context.option(d.key()).isEmpty()) {
                builder = builder == null ? context.toBuilder() : builder;
                builder.option(d.key(), d.defaultValue().get());
            }
        }
        return builder == null ? context : builder.build();
    }

    Flux<RunEvent> events() {
        return Flux.defer(() -> {
            String id = testCase.id();
            RunState run = new RunState(base.withFreshState().withTestCaseId(id));
            state = run;
            String title = testCase.title();
            List<Step> steps;
            try {
                steps = List.copyOf(testCase.steps());
            } catch (RuntimeException e) {
                return Flux.just(run.started(id, title), run.brokenTestCase(id, title,
                        "test case '" + id + "' could not list its steps: " + messageOf(e)));
            }
            if (steps.isEmpty()) {
                return Flux.just(run.started(id, title), run.brokenTestCase(id, title,
                        "test case '" + id + "' has no steps"));
            }
            run.steps = steps;
            return Mono.fromCallable(() -> run.started(id, title))
                    .concatWith(Flux.fromIterable(steps).concatMap(step -> run.step(id, step)))
                    .concatWith(Mono.fromCallable(() -> run.finished(id, title)));
        });
    }

    /**
     * The result so far of a run cancelled before it finished, or empty when it had not started:
     * the steps that finished as they are; the step in flight with the checks it had reported, its
     * declared checks it had not reported {@code INCONCLUSIVE}
     * ({@code not evaluated: step '<name>' could not go on: the run was cancelled}), verdict
     * {@code INCONCLUSIVE} unless a check failed, reason {@code the run was cancelled} (a reasons line
     * {@code <step>: the run was cancelled}); the later steps {@code SKIPPED} with
     * {@code not run: the run was cancelled}. The test case is {@code INCONCLUSIVE} unless a check
     * {@code FAILED}. Records no metrics (the unfinished part of a cancelled run records nothing).
     */
    Optional<TestCaseResult> cancelled() {
        RunState run = state;
        return run == null || run.startedAt == null ? Optional.empty() : Optional.of(run.cancelledResult());
    }

    /** The state of one subscription. */
    private final class RunState {
        private static final String CANCELLED = "the run was cancelled";

        private final TestContext context;
        private final List<StepResult> results = Collections.synchronizedList(new ArrayList<>());
        private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
        private volatile List<Step> steps = List.of();
        private volatile Instant startedAt;
        private volatile Optional<String> abort = Optional.empty();
        /** The step running now, if any (for the result of a cancelled run). */
        private volatile StepRun current;

        RunState(TestContext context) {
            this.context = context;
        }

        RunEvent started(String id, String title) {
            startedAt = context.clock().instant();
            return new RunEvent.TestCaseStarted(startedAt, context.target(), id, title);
        }

        /** Runs the step, or reports it skipped when an earlier step could not go on. */
        Flux<RunEvent> step(String id, Step step) {
            return Flux.defer(() -> {
                Optional<String> abortedBy = abort;
                return abortedBy.isPresent() ? skipped(id, step, abortedBy.get()) : new StepRun(id, step).events();
            });
        }

        private Flux<RunEvent> skipped(String id, Step step, String why) {
            Instant now = context.clock().instant();
            List<CheckResult> checks = declaredCheckIds(step).stream().map(c -> CheckResult.skipped(c, why)).toList();
            StepResult result = StepResult.of(step.name(), step.description(), Verdict.SKIPPED, why,
                    Duration.ZERO, checks);
            results.add(result);
            recordStep(id, result);
            List<RunEvent> events = new ArrayList<>();
            events.add(new RunEvent.StepStarted(now, context.target(), id, step.name(), step.description()));
            for (CheckResult c : checks) {
                events.add(checkReported(id, step, c));
            }
            events.add(new RunEvent.StepFinished(now, context.target(), id, result));
            return Flux.fromIterable(events);
        }

        private RunEvent checkReported(String id, Step step, CheckResult check) {
            Counter.builder("octt.checks")
                    .description("Checks reported, by verdict")
                    .tag("testcase", id)
                    .tag("check", check.id())
                    .tag("verdict", check.verdict().name())
                    .register(meters)
                    .increment();
            return new RunEvent.CheckReported(context.clock().instant(), context.target(), id, step.name(), check);
        }

        RunEvent finished(String id, String title) {
            Instant now = context.clock().instant();
            List<StepResult> steps = List.copyOf(results);
            Verdict verdict = Verdict.combine(steps.stream().map(StepResult::verdict).toList());
            return finishedEvent(id, title, verdict, List.copyOf(reasons), steps, now);
        }

        TestCaseResult cancelledResult() {
            List<StepResult> done = new ArrayList<>(List.copyOf(results));
            List<String> why = new ArrayList<>(List.copyOf(reasons));
            Set<String> names = new HashSet<>();
            done.forEach(r -> names.add(r.name()));
            StepRun inFlight = current;
            if (inFlight != null && names.add(inFlight.step.name())) {
                done.add(inFlight.cancelledResult(why));
            } else {
                why.add(CANCELLED + " before this test case finished");
            }
            for (Step step : steps) {
                if (names.add(step.name())) {
                    String reason = "not run: " + CANCELLED;
                    done.add(StepResult.of(step.name(), step.description(), Verdict.SKIPPED, reason, Duration.ZERO,
                            declaredCheckIds(step).stream().map(c -> CheckResult.skipped(c, reason)).toList()));
                }
            }
            List<Verdict> verdicts = new ArrayList<>(done.stream().map(StepResult::verdict).toList());
            verdicts.add(Verdict.INCONCLUSIVE); // it did not finish
            Instant now = context.clock().instant();
            return TestCaseResult.of(context.target(), testCase.id(), testCase.title(), Verdict.combine(verdicts),
                    why, startedAt, Engine.nonNegative(Duration.between(startedAt, now)), context.insecure(), done);
        }

        RunEvent brokenTestCase(String id, String title, String reason) {
            return finishedEvent(id, title, Verdict.INCONCLUSIVE, List.of(reason), List.of(),
                    context.clock().instant());
        }

        private RunEvent finishedEvent(String id, String title, Verdict verdict, List<String> reasons,
                                       List<StepResult> steps, Instant now) {
            Duration duration = Engine.nonNegative(Duration.between(startedAt, now));
            TestCaseResult result = TestCaseResult.of(context.target(), id, title, verdict, reasons, startedAt,
                    duration, context.insecure(), steps);
            Timer.builder("octt.testcase.duration")
                    .description("Duration of one test case run against one target")
                    .tag("testcase", id)
                    .tag("verdict", verdict.name())
                    .register(meters)
                    .record(duration);
            return new RunEvent.TestCaseFinished(now, result);
        }

        private void recordStep(String id, StepResult result) {
            Timer.builder("octt.step.duration")
                    .description("Duration of one step of a test case run")
                    .tag("testcase", id)
                    .tag("step", result.name())
                    .tag("verdict", result.verdict().name())
                    .register(meters)
                    .record(result.duration());
        }

        /** One step of this run. */
        private final class StepRun {
            private final String id;
            private final Step step;
            private final List<CheckResult> checks = Collections.synchronizedList(new ArrayList<>());
            private volatile Instant stepStartedAt;
            private volatile Optional<String> abortReason = Optional.empty();
            private volatile Optional<String> errorReason = Optional.empty();

            StepRun(String id, Step step) {
                this.id = id;
                this.step = step;
            }

            Flux<RunEvent> events() {
                Duration timeout = context.timeouts().step();
                // operator actions the step asks for: announced between its checks, each extending
                // the step's deadline by the action's timeout (a person may need all of it)
                Sinks.Many<RunEvent> announced = Sinks.many().unicast().onBackpressureBuffer();
                Sinks.Many<Duration> extensions = Sinks.many().unicast().onBackpressureBuffer();
                Duration[] waited = {Duration.ZERO};
                org.octt.core.spi.ActionHandler runHandler = context.actionHandler();
                TestContext stepContext = context.withActionHandler(action -> {
                    OperatorAction full = context.prepare(action);
                    synchronized (announced) {
                        waited[0] = waited[0].plus(full.timeout());
                        announced.tryEmitNext(new RunEvent.ActionRequested(context.clock().instant(),
                                context.target(), id, step.name(), full));
                        extensions.tryEmitNext(full.timeout().plus(timeout));
                    }
                    return runHandler.handle(full);
                });
                // takeUntilOther cancels the step (closing its connections) when the deadline ticks
                Mono<Long> deadline = Flux.concat(Mono.just(timeout), extensions.asFlux())
                        .switchMap(d -> Mono.delay(d, context.scheduler()))
                        .next()
                        .doOnNext(tick -> {
                            Duration extra;
                            synchronized (announced) {
                                extra = waited[0];
                            }
                            abortReason = Optional.of("step '" + step.name()
                                    + "' did not finish within the step timeout of " + HumanDuration.format(timeout)
                                    + (extra.isZero() ? "" : " (after " + HumanDuration.format(extra)
                                    + " given to operator actions)"));
                        });
                Flux<RunEvent> body = Flux.defer(() -> step.run(stepContext))
                        .takeUntilOther(deadline)
                        .map(this::reported)
                        .onErrorResume(this::failed)
                        .doFinally(signal -> {
                            synchronized (announced) {
                                announced.tryEmitComplete();
                                extensions.tryEmitComplete();
                            }
                        });
                return Mono.fromCallable(this::started)
                        .concatWith(Flux.merge(announced.asFlux(), body))
                        .concatWith(Flux.defer(this::finished));
            }

            private RunEvent started() {
                stepStartedAt = context.clock().instant();
                current = this;
                return new RunEvent.StepStarted(stepStartedAt, context.target(), id, step.name(), step.description());
            }

            private RunEvent reported(CheckResult check) {
                checks.add(check);
                return checkReported(id, step, check);
            }

            private Flux<RunEvent> failed(Throwable error) {
                if (error instanceof StepAbortedException) {
                    abortReason = Optional.of(messageOf(error));
                    return Flux.empty();
                }
                String message = messageOf(error);
                errorReason = Optional.of(message);
                return Flux.just(reported(CheckResult.inconclusive(step.name() + ".error", message)));
            }

            /** This step as it stood when the run was cancelled; adds its reasons lines to {@code why}. */
            StepResult cancelledResult(List<String> why) {
                List<CheckResult> all = new ArrayList<>(List.copyOf(checks));
                Set<String> seen = new HashSet<>();
                for (CheckResult c : all) {
                    seen.add(c.id());
                    if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.INCONCLUSIVE) {
                        why.add(c.id() + ": " + c.message());
                    }
                }
                for (String checkId : declaredCheckIds(step)) {
                    if (seen.add(checkId)) {
                        all.add(CheckResult.inconclusive(checkId,
                                "not evaluated: step '" + step.name() + "' could not go on: " + RunState.CANCELLED));
                    }
                }
                why.add(step.name() + ": " + RunState.CANCELLED);
                List<Verdict> verdicts = new ArrayList<>(all.stream().map(CheckResult::verdict).toList());
                verdicts.add(Verdict.INCONCLUSIVE);
                Instant began = stepStartedAt == null ? startedAt : stepStartedAt;
                return StepResult.of(step.name(), step.description(), stepVerdict(verdicts), RunState.CANCELLED,
                        Engine.nonNegative(Duration.between(began, context.clock().instant())), all);
            }

            /**
             * The step's end: when it could not finish (aborted, timed out, failed), first its declared
             * checks that it did not report, as INCONCLUSIVE with the reason; then its StepFinished.
             */
            private Flux<RunEvent> finished() {
                List<CheckResult> reported = List.copyOf(checks);
                Optional<String> notEvaluated = abortReason
                        .map(r -> "not evaluated: step '" + step.name() + "' could not go on: " + r)
                        .or(() -> errorReason.map(r -> "not evaluated: step '" + step.name() + "' failed: " + r));
                List<CheckResult> missing = new ArrayList<>();
                notEvaluated.ifPresent(why -> {
                    Set<String> seen = new HashSet<>();
                    reported.forEach(c -> seen.add(c.id()));
                    for (String checkId : declaredCheckIds(step)) {
                        if (seen.add(checkId)) {
                            missing.add(CheckResult.inconclusive(checkId, why));
                        }
                    }
                });
                List<RunEvent> events = new ArrayList<>();
                for (CheckResult c : missing) {
                    events.add(checkReported(id, step, c));
                }
                Instant now = context.clock().instant();
                List<CheckResult> all = new ArrayList<>(reported);
                all.addAll(missing);
                List<Verdict> verdicts = new ArrayList<>(all.stream().map(CheckResult::verdict).toList());
                abortReason.ifPresent(r -> verdicts.add(Verdict.INCONCLUSIVE));
                Verdict verdict = stepVerdict(verdicts);
                String reason = abortReason.or(() -> errorReason).orElse("");
                StepResult result = StepResult.of(step.name(), step.description(), verdict, reason,
                        Engine.nonNegative(Duration.between(stepStartedAt, now)), all);
                results.add(result);
                current = null;
                // one reason line per check the step reported; the checks it could not evaluate share the step's line
                for (CheckResult c : reported) {
                    if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.INCONCLUSIVE) {
                        reasons.add(c.id() + ": " + c.message());
                    }
                }
                abortReason.ifPresent(r -> {
                    reasons.add(step.name() + ": " + r);
                    abort = Optional.of("not run: step '" + step.name() + "' could not go on: " + r);
                });
                recordStep(id, result);
                events.add(new RunEvent.StepFinished(now, context.target(), id, result));
                return Flux.fromIterable(events);
            }
        }
    }

    /**
     * A step's verdict from its checks' verdicts: {@code SKIPPED} when it has checks and every one
     * was skipped; else {@link Verdict#combine} ({@code PASSED} for a step that ran to the end
     * without reporting any check: it did what it does and nothing failed).
     */
    static Verdict stepVerdict(List<Verdict> verdicts) {
        if (!verdicts.isEmpty() && verdicts.stream().allMatch(v -> v == Verdict.SKIPPED)) {
            return Verdict.SKIPPED;
        }
        return Verdict.combine(verdicts);
    }

    /** The step's declared check ids, distinct and not blank; none when it cannot list them. */
    static List<String> declaredCheckIds(Step step) {
        try {
            List<String> declared = step.checkIds();
            if (declared == null) {
                return List.of();
            }
            return declared.stream().filter(c -> c != null && !c.isBlank()).distinct().toList();
        } catch (RuntimeException e) {
            return List.of(); // a plugin's bug here must not cost the run; the step still runs
        }
    }

    static String messageOf(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getName();
        }
        return message;
    }
}
