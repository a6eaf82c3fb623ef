package org.octt.core.engine;

import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of a run: every test case against every target, in plan order (targets as given, and
 * for each target the test cases as given), whatever order they finished in.
 *
 * @param startedAt when the run started
 * @param duration  how long it ran
 * @param testCases the test case results, in plan order
 * @param cancelled whether the run was cancelled before every test case finished
 * @param notRun    test cases that did not run, in plan order: not applicable to the target
 *                  ({@link NotRun.Kind#NOT_APPLICABLE}: does not change the verdict) or not
 *                  started before the run was cancelled ({@link NotRun.Kind#CANCELLED})
 * @param targets   the planned targets, in plan order (also those of which nothing finished)
 */
public record RunResult(Instant startedAt, Duration duration, List<TestCaseResult> testCases,
                        boolean cancelled, List<NotRun> notRun, List<Target> targets) {

    public RunResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        testCases = List.copyOf(testCases);
        notRun = List.copyOf(notRun);
        targets = List.copyOf(targets);
    }

    /**
     * A result whose targets are those of its test case results, in their order (the form before
     * {@link #targets()} existed; a target of which nothing finished is then only in
     * {@link #notRun()}).
     */
    public RunResult(Instant startedAt, Duration duration, List<TestCaseResult> testCases, boolean cancelled,
                     List<NotRun> notRun) {
        this(startedAt, duration, testCases, cancelled, notRun,
                testCases.stream().map(TestCaseResult::target).distinct().toList());
    }

    /**
     * FAILED if any test case failed, else INCONCLUSIVE if any was (or the run was cancelled, or a
     * test case did not run because of that), else PASSED. A test case that was not applicable does
     * not count.
     */
    public Verdict verdict() {
        Verdict v = Verdict.combine(testCases.stream().map(TestCaseResult::verdict).toList());
        if (v == Verdict.PASSED && (cancelled || notRun.stream().anyMatch(n -> n.kind() == NotRun.Kind.CANCELLED))) {
            return Verdict.INCONCLUSIVE;
        }
        return v;
    }
}
