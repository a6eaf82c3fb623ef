package org.octt.core.engine;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

/**
 * Runs test cases. STUB: signatures fixed, implementation pending (issue 2).
 */
public final class Engine {

    private final MeterRegistry meterRegistry;

    private Engine(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    /** An engine recording metrics on this registry (never the global one). */
    public static Engine create(MeterRegistry meterRegistry) {
        return new Engine(java.util.Objects.requireNonNull(meterRegistry, "meterRegistry"));
    }

    /**
     * Runs the plan lazily on subscription; the stream follows the ordering rules of
     * {@link RunEvent} and ends with {@link RunEvent.RunFinished}. Disposing the subscription
     * cancels the run and closes its connections.
     */
    public Flux<RunEvent> run(RunPlan plan) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
