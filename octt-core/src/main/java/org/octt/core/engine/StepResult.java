package org.octt.core.engine;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one step did: its verdict (combined from its checks, or {@link Verdict#SKIPPED} /
 * {@link Verdict#INCONCLUSIVE} with a reason when it did not run or could not go on), its duration
 * and its checks in the order reported. A final class rather than a record, so that it can grow
 * without breaking embedders: the engine makes it with {@link #of}.
 */
public final class StepResult {

    private final String name;
    private final String description;
    private final Verdict verdict;
    private final String reason;
    private final Duration duration;
    private final List<CheckResult> checks;

    private StepResult(String name, String description, Verdict verdict, String reason, Duration duration,
                       List<CheckResult> checks) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.checks = List.copyOf(checks);
    }

    /**
     * A step result.
     *
     * @param name        the step's name
     * @param description the step's description
     * @param verdict     the step's verdict
     * @param reason      why the step was skipped or inconclusive; empty otherwise
     * @param duration    how long the step ran (zero when skipped)
     * @param checks      the checks it reported
     */
    public static StepResult of(String name, String description, Verdict verdict, String reason,
                                Duration duration, List<CheckResult> checks) {
        return new StepResult(name, description, verdict, reason, duration, checks);
    }

    /** The step's name. */
    public String name() {
        return name;
    }

    /** The step's description. */
    public String description() {
        return description;
    }

    /** The step's verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** Why the step was skipped or inconclusive; empty otherwise. */
    public String reason() {
        return reason;
    }

    /** How long the step ran (zero when skipped). */
    public Duration duration() {
        return duration;
    }

    /** The checks it reported, in order, unmodifiable. */
    public List<CheckResult> checks() {
        return checks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepResult r && name.equals(r.name) && description.equals(r.description)
                && verdict == r.verdict && reason.equals(r.reason) && duration.equals(r.duration)
                && checks.equals(r.checks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, verdict, reason, duration, checks);
    }

    @Override
    public String toString() {
        return "StepResult[name=" + name + ", description=" + description + ", verdict=" + verdict + ", reason="
                + reason + ", duration=" + duration + ", checks=" + checks + "]";
    }
}
