package org.octt.core.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.HumanDuration;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

    TestCaseRun(TestCase testCase, TestContext base, MeterRegistry meters) {
        this.testCase = testCase;
        this.base = base.withDefaultMeterRegistry(meters); // one registry: the engine's, unless the context has its own
        this.meters = meters;
    }

    Flux<RunEvent> events() {
        return Flux.defer(() -> {
            RunState run = new RunState(base.withFreshState());
            String id = testCase.id();
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
            return Mono.fromCallable(() -> run.started(id, title))
                    .concatWith(Flux.fromIterable(steps).concatMap(step -> run.step(id, step)))
                    .concatWith(Mono.fromCallable(() -> run.finished(id, title)));
        });
    }

    /** The state of one subscription. */
    private final class RunState {
        private final TestContext context;
        private final List<StepResult> results = Collections.synchronizedList(new ArrayList<>());
        private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
        private volatile Instant startedAt;
        private volatile Optional<String> abort = Optional.empty();

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
                // takeUntilOther cancels the step (closing its connections) when the deadline ticks
                Mono<Long> deadline = Mono.delay(timeout, context.scheduler())
                        .doOnNext(tick -> abortReason = Optional.of("step '" + step.name()
                                + "' did not finish within the step timeout of " + HumanDuration.format(timeout)));
                Flux<RunEvent> body = Flux.defer(() -> step.run(context))
                        .takeUntilOther(deadline)
                        .map(this::reported)
                        .onErrorResume(this::failed);
                return Mono.fromCallable(this::started)
                        .concatWith(body)
                        .concatWith(Flux.defer(this::finished));
            }

            private RunEvent started() {
                stepStartedAt = context.clock().instant();
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
