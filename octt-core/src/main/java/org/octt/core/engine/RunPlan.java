package org.octt.core.engine;

import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;

import java.util.List;

/**
 * What to run: every test case against every target context, with a bound on how many test case
 * runs go at once.
 *
 * @param testCases   the test cases, run in this order per target
 * @param targets     one context per target (settings; each run gets a fresh state)
 * @param concurrency how many targets are worked on at once, each running its test cases one
 *                    after another (so at most this many (test case, target) runs go at once);
 *                    at least 1
 */
public record RunPlan(List<TestCase> testCases, List<TestContext> targets, int concurrency) {

    public RunPlan {
        testCases = List.copyOf(testCases);
        targets = List.copyOf(targets);
        if (testCases.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one test case");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one target");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was: " + concurrency);
        }
    }

    /** Test cases against one target, one at a time. */
    public static RunPlan of(List<TestCase> testCases, TestContext target) {
        return new RunPlan(testCases, List.of(target), 1);
    }
}
