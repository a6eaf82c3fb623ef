package org.octt.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.octt.core.engine.Engine;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.octt.core.engine.RunResult;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The entry point for running octt from another JVM program, without the CLI (see
 * {@code docs/embedding.md}).
 *
 * <pre>{@code
 * Octt octt = Octt.builder()
 *         .testCases(PluginRegistry.load(classLoader, Optional.empty()), "TC_086_CSMS")
 *         .target(TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001")).build())
 *         .meterRegistry(myRegistry)
 *         .build();
 * Mono<RunResult> result = octt.result(event -> ui.show(event));
 * }</pre>
 *
 * <p>An {@code Octt} is an immutable, thread-safe description of a run: nothing happens until a
 * returned {@link Flux} or {@link Mono} is subscribed, and each subscription is a new run. Never
 * blocks; block on the result yourself only outside a Reactor or Netty thread.
 */
public final class Octt {

    private final RunPlan plan;
    private final Engine engine;
    private final Publisher<?> cancelSignal;

    private Octt(RunPlan plan, Engine engine, Publisher<?> cancelSignal) {
        this.plan = plan;
        this.engine = engine;
        this.cancelSignal = cancelSignal;
    }

    /** A builder of a run. */
    public static Builder builder() {
        return new Builder();
    }

    /** What this runs. */
    public RunPlan plan() {
        return plan;
    }

    /**
     * The run's events, live, in the order documented on {@link RunEvent}, ending with
     * {@link RunEvent.RunFinished}. Cold: each subscription runs the plan; disposing it cancels
     * the run.
     */
    public Flux<RunEvent> events() {
        return engine.run(plan, cancelSignal);
    }

    /** Runs the plan and emits its final result. Cold: each subscription runs the plan. */
    public Mono<RunResult> result() {
        return result(event -> {
        });
    }

    /**
     * Runs the plan, hands every event to {@code listener} as it happens (serially, on the thread
     * that produced it; the listener must not block), and emits the final result. A listener that
     * throws ends the run with that error. Cold: each subscription runs the plan.
     *
     * @param listener sees each event; not null
     */
    public Mono<RunResult> result(Consumer<? super RunEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        return events()
                .doOnNext(listener)
                .ofType(RunEvent.RunFinished.class)
                .single()
                .map(RunEvent.RunFinished::result);
    }

    /** Builder of {@link Octt}; validates each value as it is set. Not thread-safe. */
    public static final class Builder {
        private final List<TestCase> testCases = new ArrayList<>();
        private final List<TestContext> targets = new ArrayList<>();
        private MeterRegistry meterRegistry;
        private int concurrency = 1;
        private Publisher<?> cancelSignal = Mono.never();

        private Builder() {
        }

        /** Adds a test case; test cases run in the order added. */
        public Builder testCase(TestCase testCase) {
            testCases.add(Objects.requireNonNull(testCase, "testCase"));
            return this;
        }

        /** Adds test cases, in order. */
        public Builder testCases(List<? extends TestCase> more) {
            more.forEach(this::testCase);
            return this;
        }

        /**
         * Adds the test cases with these ids from a plugin registry, in order.
         *
         * @throws IllegalArgumentException naming the id and the known ids when one is unknown
         */
        public Builder testCases(PluginRegistry registry, String... ids) {
            Objects.requireNonNull(registry, "registry");
            for (String id : ids) {
                TestCase tc = registry.find(Objects.requireNonNull(id, "id")).map(DiscoveredTestCase::testCase)
                        .orElseThrow(() -> new IllegalArgumentException("unknown test case id: " + id + " (known: "
                                + registry.testCases().stream().map(d -> d.testCase().id())
                                .collect(Collectors.joining(", ")) + ")"));
                testCase(tc);
            }
            return this;
        }

        /** Adds a target: the settings every test case runs with against it. */
        public Builder target(TestContext target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /** Adds targets, in order. */
        public Builder targets(List<TestContext> more) {
            more.forEach(this::target);
            return this;
        }

        /** Where the engine records its metrics (see {@link Engine}); a private registry by default. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /** How many (test case, target) runs may go at once; 1 (the default) runs them one by one. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Stops the run when {@code signal} emits, completes or fails; the run still ends with a
         * {@link RunEvent.RunFinished} whose result is {@link RunResult#cancelled() cancelled} and
         * lists what did not run (see {@link Engine#run(RunPlan, Publisher)}).
         */
        public Builder cancelOn(Publisher<?> signal) {
            this.cancelSignal = Objects.requireNonNull(signal, "signal");
            return this;
        }

        /**
         * The configured run.
         *
         * @throws IllegalArgumentException when no test case or no target was added
         */
        public Octt build() {
            RunPlan plan = RunPlan.of(testCases, targets, concurrency);
            MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
            return new Octt(plan, Engine.create(registry), cancelSignal);
        }
    }
}
