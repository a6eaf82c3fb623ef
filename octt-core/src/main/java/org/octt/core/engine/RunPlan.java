package org.octt.core.engine;

import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;

import java.util.List;
import java.util.Objects;

/**
 * What to run: every test case against every target context, with a bound on how many test case
 * runs go at once. Immutable; a final class with factories (not a record), so that it can grow.
 */
public final class RunPlan {

    private final List<TestCase> testCases;
    private final List<TestContext> targets;
    private final int concurrency;

    private RunPlan(List<TestCase> testCases, List<TestContext> targets, int concurrency) {
        this.testCases = List.copyOf(testCases);
        this.targets = List.copyOf(targets);
        if (this.testCases.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one test case");
        }
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one target");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was: " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /**
     * A plan.
     *
     * @param testCases   the test cases, run in this order per target
     * @param targets     one context per target (settings; each run gets a fresh state)
     * @param concurrency how many targets are worked on at once, each running its test cases one
     *                    after another (so at most this many (test case, target) runs go at once);
     *                    at least 1
     */
    public static RunPlan of(List<TestCase> testCases, List<TestContext> targets, int concurrency) {
        return new RunPlan(testCases, targets, concurrency);
    }

    /** Test cases against one target, one at a time. */
    public static RunPlan of(List<TestCase> testCases, TestContext target) {
        return new RunPlan(testCases, List.of(target), 1);
    }

    /** The test cases, run in this order per target. */
    public List<TestCase> testCases() {
        return testCases;
    }

    /** One context per target. */
    public List<TestContext> targets() {
        return targets;
    }

    /** How many targets are worked on at once. */
    public int concurrency() {
        return concurrency;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunPlan p && testCases.equals(p.testCases) && targets.equals(p.targets)
                && concurrency == p.concurrency;
    }

    @Override
    public int hashCode() {
        return Objects.hash(testCases, targets, concurrency);
    }

    @Override
    public String toString() {
        return "RunPlan[testCases=" + testCases.stream().map(TestCase::id).toList() + ", targets=" + targets.size()
                + ", concurrency=" + concurrency + "]";
    }
}
