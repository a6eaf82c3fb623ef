package org.octt.core.engine;

import io.micrometer.core.instrument.MeterRegistry;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs test cases on Project Reactor and streams their progress as {@link RunEvent}s.
 *
 * <h2>The card's rule</h2>
 * Each test case runs against each target with {@link TestContext#withFreshState()}; its steps run
 * in order, one at a time.
 * <ul>
 *   <li>A {@code FAILED} check never stops later steps; the test case is {@code FAILED} and
 *       {@link TestCaseResult#reasons()} holds one line {@code <check id>: <message>} per failed or
 *       inconclusive check.</li>
 *   <li>A step that signals {@link org.octt.core.spi.StepAbortedException}, or that does not finish
 *       within {@link org.octt.core.spi.Timeouts#step()} (timed on {@link TestContext#scheduler()}),
 *       is {@code INCONCLUSIVE} with the reason (a reasons line {@code <step>: <reason>}); the later
 *       steps are reported {@code SKIPPED} with the reason
 *       {@code not run: step '<name>' could not go on: <reason>}; the test case is
 *       {@code INCONCLUSIVE} unless a check {@code FAILED}.</li>
 *   <li>Any other error of a step becomes an {@code INCONCLUSIVE} check {@code <step>.error} with the
 *       error's message; later steps still run.</li>
 *   <li>A step's verdict is {@link org.octt.core.spi.Verdict#combine} of its checks, except that a
 *       step whose checks were all {@code SKIPPED} is {@code SKIPPED}; a step that ran to the end
 *       without reporting any check is {@code PASSED}.</li>
 *   <li>The checks a step declares in {@link org.octt.core.spi.Step#checkIds()} always appear: when
 *       the step is aborted, times out or fails, each declared check it did not report is
 *       {@code INCONCLUSIVE} with the message
 *       {@code not evaluated: step '<name>' could not go on: <reason>} (or
 *       {@code ... failed: <message>}); in a step skipped after an abort, each is {@code SKIPPED}
 *       with the step's reason. These add no reasons line of their own: the step's line says it.</li>
 * </ul>
 *
 * <h2>Concurrency, order and cancellation</h2>
 * The test cases against one target run one after another, in plan order, never two at once (a
 * Central System may drop one of two sessions of the same ChargePointId); targets with the same
 * URL count as one target. Different targets run concurrently, at most
 * {@link RunPlan#concurrency()} at once, started in plan order. So at most
 * {@code concurrency} (test case, target) runs go at once. Whatever order they finish in,
 * {@link RunResult#testCases()} and {@link RunResult#notRun()} are in plan order: targets as given,
 * and for each target the test cases as given.
 * A test case whose {@link TestCase#prerequisites()} do not apply to a target
 * ({@link org.octt.core.spi.Prerequisites#whyNotApplicable}) is not run against it: no event, and a
 * {@link NotRun.Kind#NOT_APPLICABLE} entry in {@link RunResult#notRun()} with the reason; it does not
 * change the run's verdict.
 * Disposing the subscription cancels the steps in flight (their {@code Flux} is cancelled, which
 * closes their connections) and no {@link RunEvent.RunFinished} is emitted. To stop a run and still
 * get its result, use {@link #run(RunPlan, Publisher)}.
 *
 * <h2>Metrics</h2>
 * Recorded on the registry given to {@link #create(MeterRegistry)}, never on the global one:
 * <ul>
 *   <li>timer {@code octt.testcase.duration}, tags {@code testcase}, {@code verdict}: one sample per
 *       finished (test case, target) run;</li>
 *   <li>timer {@code octt.step.duration}, tags {@code testcase}, {@code step}, {@code verdict}: one
 *       sample per finished or skipped step (skipped steps with zero duration);</li>
 *   <li>counter {@code octt.checks}, tags {@code testcase}, {@code check}, {@code verdict}: one per
 *       reported check.</li>
 * </ul>
 * Runs cancelled before they finish record nothing for the unfinished part.
 *
 * <h2>Time and threads</h2>
 * Event timestamps and durations come from each target's {@link TestContext#clock()} (the first
 * target's clock for {@link RunEvent.RunStarted} and {@link RunEvent.RunFinished}). The engine never
 * blocks; events are emitted on whatever thread the steps and timers signal on, serially.
 * An engine is immutable and thread-safe; one may run many plans at once.
 */
public final class Engine {

    private final MeterRegistry meterRegistry;

    private Engine(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    /**
     * An engine recording metrics on this registry (never the global one).
     *
     * @param meterRegistry where to record the metrics listed in the class javadoc; not null
     */
    public static Engine create(MeterRegistry meterRegistry) {
        return new Engine(Objects.requireNonNull(meterRegistry, "meterRegistry"));
    }

    /**
     * Runs the plan lazily on subscription; the stream follows the ordering rules of
     * {@link RunEvent} and ends with {@link RunEvent.RunFinished}. Each subscription is a new run.
     * Disposing the subscription cancels the run and closes its connections.
     *
     * @param plan what to run; not null
     * @return a cold stream of events; never fails for a verdict (failures are data)
     */
    public Flux<RunEvent> run(RunPlan plan) {
        return run(plan, Mono.never());
    }

    /**
     * Runs the plan like {@link #run(RunPlan)}, and stops it when {@code cancelSignal} emits a value,
     * completes or fails: the test cases in flight are cancelled (their steps' {@code Flux} is
     * cancelled), none is started any more, and {@link RunEvent.RunFinished} is still emitted with
     * {@link RunResult#cancelled()} {@code true}, the results of the test cases that finished, the
     * result so far of each test case cancelled midway (the checks it had reported kept, see
     * {@code TestCaseRun}: {@code INCONCLUSIVE} unless a check failed, reason
     * {@code cancelled: the run was cancelled during step '<name>'}) and, in
     * {@link RunResult#notRun()}, each planned test case that had not started
     * ({@link NotRun.Kind#CANCELLED}).
     * This is how a CLI stops on Ctrl-C and still writes its reports.
     *
     * @param plan         what to run; not null
     * @param cancelSignal stops the run when it signals anything; {@code Mono.never()} for none
     * @return a cold stream of events that ends with {@link RunEvent.RunFinished}
     */
    public Flux<RunEvent> run(RunPlan plan, Publisher<?> cancelSignal) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(cancelSignal, "cancelSignal");
        return Flux.defer(() -> {
            Clock clock = plan.targets().get(0).clock();
            Instant startedAt = clock.instant();
            List<Planned> planned = new ArrayList<>();
            for (TestContext target : plan.targets()) {
                for (TestCase testCase : plan.testCases()) {
                    planned.add(new Planned(planned.size(), testCase, target, whyNotApplicable(testCase, target)));
                }
            }
            AtomicReferenceArray<TestCaseResult> finished = new AtomicReferenceArray<>(planned.size());
            AtomicReferenceArray<TestCaseRun> runs = new AtomicReferenceArray<>(planned.size());
            AtomicBoolean cancelled = new AtomicBoolean();

            Mono<Boolean> stop = Flux.from(cancelSignal).next()
                    .map(any -> Boolean.TRUE)
                    .defaultIfEmpty(Boolean.TRUE)
                    .onErrorReturn(Boolean.TRUE)
                    .doOnNext(any -> cancelled.set(true));

            // one lane per target URL: its runs go one after another; lanes go concurrently
            Map<URI, List<Planned>> lanes = new LinkedHashMap<>();
            for (Planned p : planned) {
                if (p.notApplicable().isEmpty()) { // one that does not apply is not run at all
                    lanes.computeIfAbsent(p.target().target().url(), url -> new ArrayList<>()).add(p);
                }
            }
            Flux<RunEvent> body = Flux.fromIterable(lanes.values())
                    .flatMap(lane -> Flux.fromIterable(lane).concatMap(p ->
                                    Flux.defer(() -> {
                                        TestCaseRun run = new TestCaseRun(p.testCase(), p.target(), meterRegistry);
                                        runs.set(p.index(), run);
                                        return run.events();
                                    })
                                            .doOnNext(e -> {
                                                if (e instanceof RunEvent.TestCaseFinished f) {
                                                    finished.set(p.index(), f.result());
                                                }
                                            })),
                            plan.concurrency())
                    .takeUntilOther(stop);

            Mono<RunEvent> runFinished = Mono.fromCallable(() -> {
                Instant now = clock.instant();
                List<TestCaseResult> results = new ArrayList<>();
                List<NotRun> notRun = new ArrayList<>();
                for (Planned p : planned) { // plan order: targets as given, test cases as given
                    TestCaseResult r = finished.get(p.index());
                    TestCaseRun started = runs.get(p.index());
                    Optional<TestCaseResult> partial = r == null && started != null
                            ? started.cancelled() : Optional.empty();
                    if (p.notApplicable().isPresent()) {
                        notRun.add(NotRun.notApplicable(p.testCase().id(), p.testCase().title(),
                                p.target().target(), p.notApplicable().get()));
                    } else if (r != null) {
                        results.add(r);
                    } else if (partial.isPresent()) { // cancelled midway: what it had reported so far
                        results.add(partial.get());
                    } else {
                        notRun.add(NotRun.cancelled(p.testCase().id(), p.testCase().title(), p.target().target()));
                    }
                }
                List<Target> targets = plan.targets().stream().map(TestContext::target).toList();
                RunResult result = RunResult.of(startedAt, nonNegative(java.time.Duration.between(startedAt, now)),
                        results, cancelled.get(), notRun, targets);
                return new RunEvent.RunFinished(now, result);
            });

            return Mono.<RunEvent>just(new RunEvent.RunStarted(startedAt, plan.testCases().size(),
                            plan.targets().size()))
                    .concatWith(body)
                    .concatWith(runFinished);
        });
    }

    static java.time.Duration nonNegative(java.time.Duration d) {
        return d.isNegative() ? java.time.Duration.ZERO : d;
    }

    /**
     * Why the test case does not apply to the target ({@link org.octt.core.spi.Prerequisites}), or
     * empty when it does. A test case that cannot state its prerequisites is run (its steps will say
     * what is wrong).
     */
    private static Optional<String> whyNotApplicable(TestCase testCase, TestContext target) {
        try {
            return testCase.prerequisites().whyNotApplicable(target);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A (test case, target) of the plan; {@code notApplicable} holds why it is not run, if so. */
    private record Planned(int index, TestCase testCase, TestContext target, Optional<String> notApplicable) {
    }
}
