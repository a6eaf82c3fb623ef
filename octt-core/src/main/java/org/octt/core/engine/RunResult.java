package org.octt.core.engine;

import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of a run: every test case against every target, in plan order (targets as given, and
 * for each target the test cases as given), whatever order they finished in. Immutable; a final
 * class with factories (not a record), so that it can grow.
 */
public final class RunResult {

    private final Instant startedAt;
    private final Duration duration;
    private final List<TestCaseResult> testCases;
    private final boolean cancelled;
    private final List<NotRun> notRun;
    private final List<Target> targets;

    private RunResult(Instant startedAt, Duration duration, List<TestCaseResult> testCases,
                      boolean cancelled, List<NotRun> notRun, List<Target> targets) {
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.testCases = List.copyOf(testCases);
        this.cancelled = cancelled;
        this.notRun = List.copyOf(notRun);
        this.targets = List.copyOf(targets);
    }

    /**
     * A result.
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
    public static RunResult of(Instant startedAt, Duration duration, List<TestCaseResult> testCases,
                               boolean cancelled, List<NotRun> notRun, List<Target> targets) {
        return new RunResult(startedAt, duration, testCases, cancelled, notRun, targets);
    }

    /**
     * A result whose targets are those of its test case results, in their order (a target of which
     * nothing finished is then only in {@link #notRun()}).
     */
    public static RunResult of(Instant startedAt, Duration duration, List<TestCaseResult> testCases, boolean cancelled,
                               List<NotRun> notRun) {
        return new RunResult(startedAt, duration, testCases, cancelled, notRun,
                testCases.stream().map(TestCaseResult::target).distinct().toList());
    }

    /** When the run started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** How long it ran. */
    public Duration duration() {
        return duration;
    }

    /** The test case results, in plan order. */
    public List<TestCaseResult> testCases() {
        return testCases;
    }

    /** Whether the run was cancelled before every test case finished. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The test cases that did not run, in plan order, with the reason. */
    public List<NotRun> notRun() {
        return notRun;
    }

    /** The planned targets, in plan order. */
    public List<Target> targets() {
        return targets;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r && startedAt.equals(r.startedAt) && duration.equals(r.duration)
                && testCases.equals(r.testCases) && cancelled == r.cancelled && notRun.equals(r.notRun)
                && targets.equals(r.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startedAt, duration, testCases, cancelled, notRun, targets);
    }

    @Override
    public String toString() {
        return "RunResult[startedAt=" + startedAt + ", duration=" + duration + ", testCases=" + testCases.size()
                + ", verdict=" + verdict() + ", cancelled=" + cancelled + ", notRun=" + notRun.size() + "]";
    }
}
