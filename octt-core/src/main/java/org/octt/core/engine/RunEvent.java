package org.octt.core.engine;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Target;

import java.time.Instant;
import java.util.Objects;

/**
 * Progress of a run, streamed as it happens.
 *
 * <p>Ordering rules, per target and test case: {@link TestCaseStarted} comes before any of its
 * {@link StepStarted}; each step's {@link StepStarted} comes before its {@link CheckReported}
 * events, which come before its {@link StepFinished}; a skipped step gets a {@link StepStarted},
 * a SKIPPED {@link CheckReported} per check it declares ({@link org.octt.core.spi.Step#checkIds()})
 * and a {@link StepFinished} with verdict SKIPPED; steps of one test case never overlap, nor do
 * the test cases of one target; {@link TestCaseFinished} comes after its last {@link StepFinished}. {@link RunStarted}
 * is the first event of a run and {@link RunFinished} the last. Events of different targets or
 * test cases running concurrently interleave. A (test case, target) run whose steps all finished
 * ends with {@link TestCaseFinished}; one cancelled midway ends without it. Disposing the
 * subscription ends the stream without {@link RunFinished}; a cancel signal given to
 * {@link Engine#run(RunPlan, org.reactivestreams.Publisher)} still ends it with one.
 *
 * <p>Events are delivered serially, on the thread that produced them (a step's, a timer's).
 */
public sealed interface RunEvent {

    /** When the event happened. */
    Instant at();

    /** The run started; {@code testCases} × {@code targets} test case runs are planned. */
    record RunStarted(Instant at, int testCases, int targets) implements RunEvent {
        public RunStarted {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A test case started against a target. */
    record TestCaseStarted(Instant at, Target target, String testCaseId, String title) implements RunEvent {
        public TestCaseStarted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(testCaseId, "testCaseId");
            Objects.requireNonNull(title, "title");
        }
    }

    /** A step started (or, for a skipped step, is about to be reported skipped). */
    record StepStarted(Instant at, Target target, String testCaseId, String step, String description)
            implements RunEvent {
        public StepStarted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(testCaseId, "testCaseId");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(description, "description");
        }
    }

    /** A step reported a check. */
    record CheckReported(Instant at, Target target, String testCaseId, String step, CheckResult check)
            implements RunEvent {
        public CheckReported {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(testCaseId, "testCaseId");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(check, "check");
        }
    }

    /**
     * A step asked for an {@link OperatorAction}: the Central System must now do something on its own
     * (an operator makes it, a hook calls its API) before {@link OperatorAction#deadline()}. Comes
     * between the step's {@link StepStarted} and {@link StepFinished}. A console shows it; an embedder
     * may act on it (or supply an {@link org.octt.core.spi.ActionHandler}).
     */
    record ActionRequested(Instant at, Target target, String testCaseId, String step, OperatorAction action)
            implements RunEvent {
        public ActionRequested {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(testCaseId, "testCaseId");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(action, "action");
        }
    }

    /** A step finished. */
    record StepFinished(Instant at, Target target, String testCaseId, StepResult result) implements RunEvent {
        public StepFinished {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(testCaseId, "testCaseId");
            Objects.requireNonNull(result, "result");
        }
    }

    /** A test case finished against a target. */
    record TestCaseFinished(Instant at, TestCaseResult result) implements RunEvent {
        public TestCaseFinished {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The run finished (or was cancelled); the last event. */
    record RunFinished(Instant at, RunResult result) implements RunEvent {
        public RunFinished {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(result, "result");
        }
    }
}
