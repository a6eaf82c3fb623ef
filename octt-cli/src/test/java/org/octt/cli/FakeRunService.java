package org.octt.cli;

import io.micrometer.core.instrument.MeterRegistry;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run service that answers with canned events: each test case gets one step with one check of
 * the verdict configured for {@code id@ChargePointId}, else for its id, else PASSED. It records the plan and registry it got.
 * The events are emitted at once, so the cancel signal is never needed; cancellation is tested with the engine.
 */
final class FakeRunService implements RunService {

    private final Map<String, Verdict> verdicts;
    final AtomicReference<RunPlan> plan = new AtomicReference<>();
    final AtomicReference<MeterRegistry> registry = new AtomicReference<>();

    FakeRunService(Map<String, Verdict> verdicts) {
        this.verdicts = Map.copyOf(verdicts);
    }

    static FakeRunService passing() {
        return new FakeRunService(Map.of());
    }

    @Override
    public Flux<RunEvent> run(RunPlan runPlan, MeterRegistry meterRegistry, Publisher<?> cancelSignal) {
        plan.set(runPlan);
        registry.set(meterRegistry);
        return Flux.defer(() -> Flux.fromIterable(events(runPlan, meterRegistry)));
    }

    private List<RunEvent> events(RunPlan runPlan, MeterRegistry meterRegistry) {
        Instant t0 = Instant.parse("2025-01-01T10:00:00Z");
        List<RunEvent> events = new ArrayList<>();
        List<TestCaseResult> results = new ArrayList<>();
        events.add(new RunEvent.RunStarted(t0, runPlan.testCases().size(), runPlan.targets().size()));
        for (TestContext context : runPlan.targets()) {
            for (TestCase tc : runPlan.testCases()) {
                Verdict v = verdicts.getOrDefault(tc.id() + "@" + context.chargePointId().orElse(""),
                        verdicts.getOrDefault(tc.id(), Verdict.PASSED));
                CheckResult check = CheckResult.of("fake.check", v, "the fake check was " + v
                        + " (password length " + context.basicAuthPassword().map(s -> s.length()).orElse(0)
                        + ", context " + context + ")").withWarning("a fake warning");
                StepResult step = StepResult.of("fake-step", "A fake step", v, "", Duration.ofMillis(42), List.of(check));
                events.add(new RunEvent.TestCaseStarted(t0, context.target(), tc.id(), tc.title()));
                events.add(new RunEvent.StepStarted(t0, context.target(), tc.id(), "fake-step", "A fake step"));
                events.add(new RunEvent.CheckReported(t0, context.target(), tc.id(), "fake-step", check));
                events.add(new RunEvent.StepFinished(t0, context.target(), tc.id(), step));
                TestCaseResult result = TestCaseResult.of(context.target(), tc.id(), tc.title(), v,
                        v == Verdict.PASSED ? List.of() : List.of("fake.check: " + v), t0, Duration.ofMillis(50),
                        context.insecure(), List.of(step));
                results.add(result);
                events.add(new RunEvent.TestCaseFinished(t0, result));
                meterRegistry.counter("octt.checks", "verdict", v.name()).increment();
            }
        }
        events.add(new RunEvent.RunFinished(t0, RunResult.of(t0, Duration.ofMillis(60), results, false, List.of())));
        return events;
    }
}
