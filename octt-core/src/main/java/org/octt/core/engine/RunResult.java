package org.octt.core.engine;

import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of a run: every test case against every target, in the order they finished.
 *
 * @param startedAt when the run started
 * @param duration  how long it ran
 * @param testCases the test case results
 * @param cancelled whether the run was cancelled before every test case finished
 * @param notRun    test cases (as {@code id @ target}) that did not run because the run was
 *                  cancelled
 */
public record RunResult(Instant startedAt, Duration duration, List<TestCaseResult> testCases,
                        boolean cancelled, List<String> notRun) {

    public RunResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        testCases = List.copyOf(testCases);
        notRun = List.copyOf(notRun);
    }

    /** FAILED if any test case failed, else INCONCLUSIVE if any was (or the run was cancelled), else PASSED. */
    public Verdict verdict() {
        Verdict v = Verdict.combine(testCases.stream().map(TestCaseResult::verdict).toList());
        if (v == Verdict.PASSED && (cancelled || !notRun.isEmpty())) {
            return Verdict.INCONCLUSIVE;
        }
        return v;
    }
}
