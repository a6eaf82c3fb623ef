package org.octt.core.spi;

import reactor.core.publisher.Flux;

import java.util.List;
import java.util.function.Function;

/**
 * One step of a test case. It runs once, reports any number of {@link CheckResult}s and completes.
 *
 * <p>The returned {@link Flux} is subscribed once, not on a Netty event loop thread necessarily:
 * never block in it. A failed check is data, not an error. Signal
 * {@link StepAbortedException} (as {@code Flux.error}) only when the step cannot go on at all and
 * later steps cannot run either (the target refuses connections, never answers): the test case is
 * then {@link Verdict#INCONCLUSIVE} unless a check already failed. Any other error is reported as
 * an {@link Verdict#INCONCLUSIVE} check named {@code <step name>.error} and the later steps still
 * run. The engine applies {@link TestContext#timeouts()}'s step timeout; a step that exceeds it is
 * treated as aborted.
 *
 * <p>A step should declare the ids of the checks it reports in {@link #checkIds()}: when it cannot
 * finish (aborted, timed out, an error) or does not run at all (an earlier step could not go on),
 * the engine then still reports every declared check that was not reported, with the reason, so
 * the reports list every check of the test case.
 */
public interface Step {

    /** A short stable name, e.g. {@code tls-handshake}; used in events, metrics and reports. */
    String name();

    /** A one-line human description of what the step does. */
    default String description() {
        return name();
    }

    /**
     * The ids of the checks this step reports, in the order it reports them, as far as they are
     * known before it runs; empty (the default) when not declared. When the step is aborted, times
     * out or fails, the engine reports each declared id it did not report as
     * {@link Verdict#INCONCLUSIVE}; when the step does not run because an earlier step could not go
     * on, each declared id as {@link Verdict#SKIPPED}; both with the reason. A step that completes
     * normally reports what it reports: declared ids it left out are not added.
     *
     * @return the declared check ids; never null
     */
    default List<String> checkIds() {
        return List.of();
    }

    /** Runs the step against the context's target and reports its checks. */
    Flux<CheckResult> run(TestContext context);

    /** A step from a name, a description and a function; it declares no check ids. */
    static Step of(String name, String description, Function<TestContext, Flux<CheckResult>> body) {
        return of(name, description, List.of(), body);
    }

    /**
     * A step from a name, a description, the ids of the checks it reports (see {@link #checkIds()})
     * and a function.
     */
    static Step of(String name, String description, List<String> checkIds,
                   Function<TestContext, Flux<CheckResult>> body) {
        List<String> ids = List.copyOf(checkIds);
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(description, "description");
        java.util.Objects.requireNonNull(body, "body");
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<String> checkIds() {
                return ids;
            }

            @Override
            public Flux<CheckResult> run(TestContext context) {
                return body.apply(context);
            }

            @Override
            public String toString() {
                return "Step[" + name + "]";
            }
        };
    }
}
