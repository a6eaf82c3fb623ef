package org.octt.core.spi;

import reactor.core.publisher.Flux;

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
 */
public interface Step {

    /** A short stable name, e.g. {@code tls-handshake}; used in events, metrics and reports. */
    String name();

    /** A one-line human description of what the step does. */
    default String description() {
        return name();
    }

    /** Runs the step against the context's target and reports its checks. */
    Flux<CheckResult> run(TestContext context);

    /** A step from a name, a description and a function. */
    static Step of(String name, String description, Function<TestContext, Flux<CheckResult>> body) {
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
