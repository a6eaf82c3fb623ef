package org.octt.junit.platform;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.octt.core.Octt;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunEvent;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the selected test cases with {@link Octt} and tells the platform what happens, on the
 * platform's thread (the run's events are taken from a blocking iterable): a test case's container
 * starts when it starts; each check is registered as a dynamic test when reported and finishes at
 * once (PASSED successful, FAILED failed with a {@link CheckFailedError}, SKIPPED and INCONCLUSIVE
 * aborted with a {@link CheckAbortedException}, each with the check's message; a passed check's
 * message and every warning are report entries); a test case that does not apply to the target is a skipped container with the
 * reason. Not thread-safe: one per execution.
 */
final class RunReporter {

    private final EngineExecutionListener listener;
    private final OcttEngineDescriptor engine;
    private final Map<String, TestCaseDescriptor> byId = new LinkedHashMap<>();
    private final Set<TestCaseDescriptor> started = new LinkedHashSet<>();
    private final Set<TestCaseDescriptor> ended = new LinkedHashSet<>();

    RunReporter(EngineExecutionListener listener, OcttEngineDescriptor engine) {
        this.listener = listener;
        this.engine = engine;
        for (TestDescriptor child : engine.getChildren()) {
            TestCaseDescriptor d = (TestCaseDescriptor) child;
            byId.put(d.testCase().id(), d);
        }
    }

    void run() {
        listener.executionStarted(engine);
        if (byId.isEmpty() || engine.target().isEmpty()) {
            listener.executionFinished(engine, TestExecutionResult.successful());
            return;
        }
        TestContext target = engine.target().get();
        Octt octt = Octt.builder()
                .testCases(byId.values().stream().map(TestCaseDescriptor::testCase).toList())
                .target(target)
                .build();
        try {
            for (RunEvent event : octt.events().toIterable()) {
                on(event);
            }
        } catch (RuntimeException e) {
            endUnfinished("the run ended with an error: " + e, TestExecutionResult.failed(e));
            listener.executionFinished(engine, TestExecutionResult.failed(e));
            return;
        }
        endUnfinished("the run ended before this test case started",
                TestExecutionResult.aborted(new CheckAbortedException(Verdict.INCONCLUSIVE, NotRun.CANCELLED_REASON)));
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private void on(RunEvent event) {
        if (event instanceof RunEvent.TestCaseStarted s) {
            TestCaseDescriptor d = byId.get(s.testCaseId());
            started.add(d);
            listener.executionStarted(d);
        } else if (event instanceof RunEvent.CheckReported c) {
            report(byId.get(c.testCaseId()), c.check());
        } else if (event instanceof RunEvent.TestCaseFinished f) {
            TestCaseDescriptor d = byId.get(f.result().id());
            ended.add(d);
            listener.executionFinished(d, TestExecutionResult.successful());
        } else if (event instanceof RunEvent.RunFinished r) {
            for (NotRun n : r.result().notRun()) {
                TestCaseDescriptor d = byId.get(n.testCaseId());
                if (d != null && !started.contains(d) && ended.add(d)) {
                    listener.executionSkipped(d, n.reason());
                }
            }
        }
    }

    private void report(TestCaseDescriptor testCase, CheckResult check) {
        CheckDescriptor test = testCase.addCheck(check);
        listener.dynamicTestRegistered(test);
        listener.executionStarted(test);
        if (check.verdict() == Verdict.PASSED && !check.message().isBlank()) {
            listener.reportingEntryPublished(test, ReportEntry.from("message", check.message()));
        }
        for (String warning : check.warnings()) {
            listener.reportingEntryPublished(test, ReportEntry.from("warning", warning));
        }
        listener.executionFinished(test, result(check));
    }

    /** The platform's result of a check, with the check's message. */
    static TestExecutionResult result(CheckResult check) {
        return switch (check.verdict()) {
            case PASSED -> TestExecutionResult.successful();
            case FAILED -> TestExecutionResult.failed(new CheckFailedError(check.message()));
            case SKIPPED, INCONCLUSIVE -> TestExecutionResult.aborted(new CheckAbortedException(check.verdict(),
                    check.message()));
        };
    }

    /**
     * Ends every container that has not ended: one that started finishes with {@code result}
     * (cancelled midway, or the run failed); one that never started is skipped with {@code reason}.
     */
    private void endUnfinished(String reason, TestExecutionResult result) {
        for (TestCaseDescriptor d : List.copyOf(byId.values())) {
            if (ended.add(d)) {
                if (started.contains(d)) {
                    listener.executionFinished(d, result);
                } else {
                    listener.executionSkipped(d, reason);
                }
            }
        }
    }
}
