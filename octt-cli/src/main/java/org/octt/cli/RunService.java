package org.octt.cli;

import io.micrometer.core.instrument.MeterRegistry;
import org.octt.core.engine.Engine;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import reactor.core.publisher.Flux;

/**
 * What {@code octt run} calls to run a plan: the engine in production, a fake in the CLI's tests
 * (parsing, validation, printing and exit codes do not need a real run).
 */
@FunctionalInterface
public interface RunService {

    /**
     * Runs the plan lazily on subscription, recording metrics on {@code registry}; the stream ends
     * with {@link RunEvent.RunFinished}.
     */
    Flux<RunEvent> run(RunPlan plan, MeterRegistry registry);

    /** The real one: {@link Engine}. */
    static RunService engine() {
        return (plan, registry) -> Engine.create(registry).run(plan);
    }
}
