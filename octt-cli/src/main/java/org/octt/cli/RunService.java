package org.octt.cli;

import io.micrometer.core.instrument.MeterRegistry;
import org.octt.core.engine.Engine;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * What {@code octt run} calls to run a plan: the {@link Engine} in production. A seam for the
 * CLI's unit tests of parsing, validation and printing, which feed canned events; the end-to-end
 * tests use the engine.
 */
@FunctionalInterface
public interface RunService {

    /**
     * Runs the plan lazily on subscription, recording metrics on {@code registry}, and stops it
     * when {@code cancelSignal} signals anything; the stream ends with {@link RunEvent.RunFinished}
     * either way (cancelled: with the results of what finished and the rest as not run), as
     * {@link Engine#run(RunPlan, Publisher)} does.
     */
    Flux<RunEvent> run(RunPlan plan, MeterRegistry registry, Publisher<?> cancelSignal);

    /** The real one: {@link Engine#run(RunPlan, Publisher)}. */
    static RunService engine() {
        return (plan, registry, cancelSignal) -> Engine.create(registry).run(plan, cancelSignal);
    }
}
