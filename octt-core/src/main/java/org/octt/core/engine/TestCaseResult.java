package org.octt.core.engine;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one test case against one target. A final class rather than a record, so that it
 * can grow without breaking embedders: the engine makes it with {@link #of}.
 */
public final class TestCaseResult {

    private final Target target;
    private final String id;
    private final String title;
    private final Verdict verdict;
    private final List<String> reasons;
    private final Instant startedAt;
    private final Duration duration;
    private final boolean insecure;
    private final List<StepResult> steps;

    private TestCaseResult(Target target, String id, String title, Verdict verdict, List<String> reasons,
                           Instant startedAt, Duration duration, boolean insecure, List<StepResult> steps) {
        this.target = Objects.requireNonNull(target, "target");
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.reasons = List.copyOf(reasons);
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.insecure = insecure;
        this.steps = List.copyOf(steps);
        if (verdict == Verdict.SKIPPED) {
            throw new IllegalArgumentException("a test case cannot be SKIPPED");
        }
    }

    /**
     * A test case result.
     *
     * @param target    the target
     * @param id        the test case id
     * @param title     the test case title
     * @param verdict   {@link Verdict#PASSED}, {@link Verdict#FAILED} or {@link Verdict#INCONCLUSIVE}
     * @param reasons   why it failed or was inconclusive: one line per failed or inconclusive check
     *                  or step; empty when it passed
     * @param startedAt when it started
     * @param duration  how long it ran
     * @param insecure  whether it ran with {@code --insecure} (credentials sent despite a failed
     *                  certificate validation)
     * @param steps     the steps, in order, including skipped ones
     */
    public static TestCaseResult of(Target target, String id, String title, Verdict verdict, List<String> reasons,
                                    Instant startedAt, Duration duration, boolean insecure, List<StepResult> steps) {
        return new TestCaseResult(target, id, title, verdict, reasons, startedAt, duration, insecure, steps);
    }

    /** The target. */
    public Target target() {
        return target;
    }

    /** The test case id. */
    public String id() {
        return id;
    }

    /** The test case title. */
    public String title() {
        return title;
    }

    /** {@link Verdict#PASSED}, {@link Verdict#FAILED} or {@link Verdict#INCONCLUSIVE}. */
    public Verdict verdict() {
        return verdict;
    }

    /** Why it failed or was inconclusive, one line per failed or inconclusive check or step; empty when it passed. */
    public List<String> reasons() {
        return reasons;
    }

    /** When it started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** How long it ran. */
    public Duration duration() {
        return duration;
    }

    /** Whether it ran with certificate validation overridden (credentials sent despite a failed validation). */
    public boolean insecure() {
        return insecure;
    }

    /** The steps, in order, including skipped ones. */
    public List<StepResult> steps() {
        return steps;
    }

    /** Every check of every step, in order. */
    public List<CheckResult> checks() {
        return steps.stream().flatMap(s -> s.checks().stream()).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestCaseResult r && target.equals(r.target) && id.equals(r.id) && title.equals(r.title)
                && verdict == r.verdict && reasons.equals(r.reasons) && startedAt.equals(r.startedAt)
                && duration.equals(r.duration) && insecure == r.insecure && steps.equals(r.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, id, title, verdict, reasons, startedAt, duration, insecure, steps);
    }

    @Override
    public String toString() {
        return "TestCaseResult[target=" + target + ", id=" + id + ", title=" + title + ", verdict=" + verdict
                + ", reasons=" + reasons + ", startedAt=" + startedAt + ", duration=" + duration + ", insecure="
                + insecure + ", steps=" + steps + "]";
    }
}
