package org.octt.core.engine;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one test case against one target.
 *
 * @param target    the target
 * @param id        the test case id
 * @param title     the test case title
 * @param verdict   {@link Verdict#PASSED}, {@link Verdict#FAILED} or {@link Verdict#INCONCLUSIVE}
 * @param reasons   why it failed or was inconclusive: one line per failed or inconclusive check or
 *                  step; empty when it passed
 * @param startedAt when it started
 * @param duration  how long it ran
 * @param insecure  whether it ran with {@code --insecure} (credentials sent despite a failed
 *                  certificate validation)
 * @param steps     the steps, in order, including skipped ones
 */
public record TestCaseResult(Target target, String id, String title, Verdict verdict, List<String> reasons,
                             Instant startedAt, Duration duration, boolean insecure, List<StepResult> steps) {

    public TestCaseResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        steps = List.copyOf(steps);
        if (verdict == Verdict.SKIPPED) {
            throw new IllegalArgumentException("a test case cannot be SKIPPED");
        }
    }

    /** Every check of every step, in order. */
    public List<CheckResult> checks() {
        return steps.stream().flatMap(s -> s.checks().stream()).toList();
    }
}
